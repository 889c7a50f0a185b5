// Calls the counter through the proxy with the grpc-web client library, in the framing named on
// the command line ("binary": application/grpc-web, "text": application/grpc-web-text). Node has
// no XMLHttpRequest, which grpc-web sends its calls with, so xhr2 provides one. The messages are
// encoded by hand: the test needs no generated code for two small messages.
//
//   node counter-client.js PORT binary|text COUNTER_ID
//
// Prints one JSON line per call: {"value": N} or {"error": {"code": N, "message": "..."}}.

global.XMLHttpRequest = require('xhr2');
const {GrpcWebClientBase, MethodDescriptor, MethodType} = require('grpc-web');

const [port, format, counterId] = process.argv.slice(2);
const path = '/stateside.example.counter.CounterService/Increase';

function varint(value) {
  const bytes = [];
  let v = value;
  while (v > 127) {
    bytes.push((v % 128) | 128);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return bytes;
}

// IncreaseRequest: counter_id = 1 (string), by = 2 (int64).
function encodeIncrease(request) {
  const id = Array.from(Buffer.from(request.counterId, 'utf8'));
  const bytes = id.length > 0 ? [0x0a, ...varint(id.length), ...id] : [];
  return new Uint8Array([...bytes, 0x10, ...varint(request.by)]);
}

// CounterValue: value = 1 (int64).
function decodeCounterValue(bytes) {
  let value = 0;
  if (bytes.length > 0 && bytes[0] === 0x08) {
    let scale = 1;
    for (let i = 1; i < bytes.length; i++) {
      value += (bytes[i] & 127) * scale;
      scale *= 128;
      if ((bytes[i] & 128) === 0) break;
    }
  }
  return {value};
}

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
