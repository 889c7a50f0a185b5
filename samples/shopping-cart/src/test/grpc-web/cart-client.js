// Drives the shopping cart through the proxy with the grpc-web client library, in the framing
// named on the command line ("binary": application/grpc-web, "text": application/grpc-web-text),
// as a browser page would; xhr2 stands in for the browser's XMLHttpRequest. The cart's messages
// are encoded by hand (protobuf-wire.js), so no generated code is needed.
//
//   node cart-client.js PORT binary|text USER
//
// Adds 3 apples and 1 pear, reads the cart, then adds 0 cherries (refused by the cart). Prints one
// JSON line per call: the reply ({} or {"items": [...]}) or {"error": {"code": N, "message": "..."}}.

global.XMLHttpRequest = require('xhr2');
const {GrpcWebClientBase, MethodDescriptor, MethodType} = require('grpc-web');
// Copied beside this script from proxy-core/src/test/grpc-web by the test.
const {stringField, varintField, fields} = require('./protobuf-wire');

const [port, format, user] = process.argv.slice(2);
const service = 'stateside.samples.shoppingcart.ShoppingCartService';

// AddLineItem: user_id = 1, product_id = 2, quantity = 3 (int32); the reply is google.protobuf.Empty.
const addItem = {
  path: `/${service}/AddItem`,
  descriptor: new MethodDescriptor(`/${service}/AddItem`, MethodType.UNARY, Object, Object,
      item => new Uint8Array([...stringField(1, item.userId), ...stringField(2, item.productId), ...varintField(3, item.quantity)]),
      () => ({}))
};

// GetShoppingCart: user_id = 1; Cart: repeated LineItem items = 1, LineItem: product_id = 1, quantity = 2.
const getCart = {
  path: `/${service}/GetCart`,
  descriptor: new MethodDescriptor(`/${service}/GetCart`, MethodType.UNARY, Object, Object,
      request => new Uint8Array(stringField(1, request.userId)),
      bytes => ({
        items: (fields(bytes)[1] || []).map(line => {
          const item = fields(line);
          return {productId: Buffer.from(item[1] ? item[1][0] : []).toString('utf8'), quantity: item[2] ? item[2][0] : 0};
        })
      }))
};

const client = new GrpcWebClientBase({format});

async function call(method, request) {
  try {
    return await client.unaryCall(`http://127.0.0.1:${port}${method.path}`, request, {}, method.descriptor);
  } catch (error) {
    return {error: {code: error.code, message: error.message}};
  }
}

(async () => {
  console.log(JSON.stringify(await call(addItem, {userId: user, productId: 'apple', quantity: 3})));
  console.log(JSON.stringify(await call(addItem, {userId: user, productId: 'pear', quantity: 1})));
  console.log(JSON.stringify(await call(getCart, {userId: user})));
  console.log(JSON.stringify(await call(addItem, {userId: user, productId: 'cherry', quantity: 0})));
})();
