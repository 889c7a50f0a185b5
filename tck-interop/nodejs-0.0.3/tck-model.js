/*
 * The Cloudstate TCK model written with the published Cloudstate Node.js support library 0.0.3,
 * the way a user of that library writes entities. Listens on HOST:PORT (127.0.0.1:8080 unless
 * set). bin/tck-model runs it from target/, where bin/install leaves the staged model protos and
 * user-function.desc (the library reads both from the working directory).
 */
"use strict";

const { CloudState, EventSourced } = require("cloudstate");

const includeDirs = ["proto"];
const MODEL_PROTO = "cloudstate/tck/model/eventsourced.proto";
const PASSIVATION_PROTO = "cloudstate/tck/model/entitypassivation.proto";

// cloudstate.tck.model.EventSourcedTckModel: the state is a string each Persisted event appends
// to; a snapshot every 5 events replaces it. Process takes the request's actions in order.
const model = new EventSourced(MODEL_PROTO, "cloudstate.tck.model.EventSourcedTckModel", {
  persistenceId: "event-sourced-tck-model",
  snapshotEvery: 5,
  includeDirs
});
const Persisted = model.lookupType("cloudstate.tck.model.Persisted");
const Response = model.lookupType("cloudstate.tck.model.Response");

// cloudstate.tck.model.EventSourcedTwo: the target of forwards and side effects.
const two = new EventSourced(MODEL_PROTO, "cloudstate.tck.model.EventSourcedTwo", {
  persistenceId: "event-sourced-tck-model-two",
  includeDirs
});
const callTwo = two.grpc.cloudstate.tck.model.EventSourcedTwo.service.Call;

model.setInitial(() => Persisted.create({ value: "" }));
model.setBehavior(() => ({
  commandHandlers: {
    Process: (request, state, ctx) => {
      let value = state.value;
      let forwarded = false;
      for (const action of request.actions) {
        if (action.emit) {
          ctx.emit(Persisted.create({ value: action.emit.value }));
          // The library applies events once the handler returns; the reply shows them already.
          value += action.emit.value;
        } else if (action.forward) {
          forwarded = true;
          ctx.thenForward(callTwo, { id: action.forward.id });
        } else if (action.effect) {
          ctx.effect(callTwo, { id: action.effect.id }, action.effect.synchronous);
        } else if (action.fail) {
          ctx.fail(action.fail.message);
        }
      }
      return forwarded ? undefined : Response.create({ message: value });
    }
  },
  eventHandlers: {
    Persisted: (event, state) => Persisted.create({ value: state.value + event.value })
  }
}));

two.setInitial(() => Persisted.create({ value: "" }));
two.setBehavior(() => ({
  commandHandlers: { Call: () => Response.create({}) },
  eventHandlers: {}
}));

// cloudstate.tck.model.EventSourcedConfigured. The model asks for a 100 ms passivation timeout,
// which 0.0.3 cannot declare: its protocol has no passivation strategy.
const configured = new EventSourced(MODEL_PROTO, "cloudstate.tck.model.EventSourcedConfigured", {
  persistenceId: "event-sourced-configured",
  includeDirs
});
configured.setInitial(() => Persisted.create({ value: "" }));
configured.setBehavior(() => ({
  commandHandlers: { Call: () => Response.create({}) },
  eventHandlers: {}
}));

// cloudstate.tck.model.entitypassivation.PassivationTckModel, as an event-sourced entity (0.0.3
// has no value entities). It asks for a 2 s passivation timeout, which 0.0.3 cannot declare.
const passivation = new EventSourced(PASSIVATION_PROTO,
  "cloudstate.tck.model.entitypassivation.PassivationTckModel", {
    persistenceId: "entity-passivation-tck-model",
    includeDirs
  });
const PassivationPersisted = passivation.lookupType("cloudstate.tck.model.entitypassivation.Persisted");
passivation.setInitial(() => PassivationPersisted.create({ value: "" }));
passivation.setBehavior(() => ({
  commandHandlers: { Activate: () => ({ message: "state" }) },
  eventHandlers: {}
}));

const server = new CloudState({ serviceName: "stateside-tck-nodejs-0.0.3", serviceVersion: "0.1.0" });
server.addEntity(model, two, configured, passivation);
server.start({
  bindAddress: process.env.HOST || "127.0.0.1",
  bindPort: parseInt(process.env.PORT || "8080", 10)
});

process.on("SIGTERM", () => {
  server.shutdown();
  process.exit(0);
});
