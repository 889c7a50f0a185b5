/**
 * Write Cloudstate-protocol user functions in Java.
 *
 * <p>A user function is a gRPC server that a Stateside proxy (or any proxy speaking the Cloudstate
 * 0.2 protocol) calls to run the business logic of stateful entities. This package offers
 * event-sourced entities:
 *
 * <ol>
 *   <li>Describe an entity with {@link io.stateside.javasupport.EventSourcedEntity#builder}: the
 *       gRPC service it implements, its persistence id, its empty state, one
 *       {@link io.stateside.javasupport.CommandHandler} per service method and one
 *       {@link io.stateside.javasupport.EventHandler} per event type.</li>
 *   <li>A command handler looks at the current state and the command and returns an
 *       {@link io.stateside.javasupport.Effect}: emit events and reply, reply, forward, or fail.</li>
 *   <li>Event handlers fold events into a new immutable state; they run when a command emits
 *       events and when the entity is recovered from its journal.</li>
 *   <li>Serve the entities with {@link io.stateside.javasupport.UserFunction}.</li>
 * </ol>
 */
package io.stateside.javasupport;
