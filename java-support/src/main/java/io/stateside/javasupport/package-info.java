/**
 * Write Cloudstate-protocol user functions in Java.
 *
 * <p>A user function is a gRPC server that a Stateside proxy (or any proxy speaking the Cloudstate
 * 0.2 protocol) calls to run the business logic of stateful entities. Every kind of entity is an
 * {@link io.stateside.javasupport.EntityDefinition}, registered the same way with
 * {@link io.stateside.javasupport.UserFunction.Builder#register}:
 *
 * <ul>
 *   <li>{@link io.stateside.javasupport.EventSourcedEntity}: command handlers return an
 *       {@link io.stateside.javasupport.Effect} (emit events and reply, reply, forward, or fail);
 *       event handlers fold events into a new immutable state, both for new events and when the
 *       entity is recovered from its journal.</li>
 *   <li>{@link io.stateside.javasupport.ValueEntity}: the state is one protobuf message; command
 *       handlers return a {@link io.stateside.javasupport.ValueEffect} (update or delete the state
 *       and reply, reply, forward, or fail), and the proxy stores the state whole.</li>
 *   <li>{@link io.stateside.javasupport.CrdtEntity}: the state is a replicated data type
 *       ({@link io.stateside.javasupport.Crdt}) that command handlers change in place through a
 *       {@link io.stateside.javasupport.CrdtContext}; the library sends the proxy only the delta.
 *       Server-streaming commands can follow every change of it.</li>
 *   <li>{@link io.stateside.javasupport.Action}: stateless methods of any call shape, answering
 *       with an {@link io.stateside.javasupport.ActionEffect}.</li>
 * </ul>
 *
 * <p>Methods that subscribe to an event log or a topic ({@code (cloudstate.eventing)} in the
 * .proto file) are handled like any other; their context's {@code cloudEvent()} describes the
 * event, a method taking {@code google.protobuf.Any} gets events of every type, and
 * {@link io.stateside.javasupport.JsonType} reads and writes JSON events in Cloudstate's encoding.
 *
 * <p>Forwards and side effects are {@link io.stateside.javasupport.ServiceCall}s, typed by their
 * target method. {@link io.stateside.javasupport.EventSourcedTestKit} and
 * {@link io.stateside.javasupport.ValueEntityTestKit} run handlers without a proxy.
 */
package io.stateside.javasupport;
