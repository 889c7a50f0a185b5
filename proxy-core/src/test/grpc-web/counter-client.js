// Calls the counter through the proxy with the grpc-web client library, in the framing named on
// the command line ("binary": application/grpc-web, "text": application/grpc-web-text). Node has
// no XMLHttpRequest, which grpc-web sends its calls with, so xhr2 provides one. The messages are
// encoded by hand (protobuf-wire.js): the test needs no generated code for two small messages.
//
//   node counter-client.js PORT binary|text COUNTER_ID
//
// Prints one JSON line per call: {"value": N} or {"error": {"code": N, "message": "..."}}.

global.XMLHttpRequest = require('xhr2');
const {GrpcWebClientBase, MethodDescriptor, MethodType} = require('grpc-web');
const {stringField, varintField, fields} = require('./protobuf-wire');

const [port, format, counterId] = process.argv.slice(2);
const path = '/stateside.example.counter.CounterService/Increase';

// IncreaseRequest: counter_id = 1 (string), by = 2 (int64).
const encodeIncrease = request =>
    new Uint8Array([...stringField(1, request.counterId), ...varintField(2, request.by)]);

// CounterValue: value = 1 (int64).
const decodeCounterValue = bytes => ({value: (fields(bytes)[1] || [0])[0]});

const increase = new MethodDescriptor(path, MethodType.UNARY, Object, Object, encodeIncrease, decodeCounterValue);
const client = new GrpcWebClientBase({format});

async function call(request) {
  try {
    const reply = await client.unaryCall(`http://127.0.0.1:${port}${path}`, request, {}, increase);
    return {value: reply.value};
  } catch (error) {
    return {error: {code: error.code, message: error.message}};
  }
}

(async () => {
  for (const request of [{counterId, by: 3}, {counterId, by: 4}, {counterId: '', by: 1}]) {
    console.log(JSON.stringify(await call(request)));
  }
})();
