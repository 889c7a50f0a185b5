// Just enough of the protobuf wire format for the tests' gRPC-web clients to encode and decode
// their few small messages by hand, without generated code.

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

// A string field (wire type 2); an empty string is left out, as proto3 does.
function stringField(number, text) {
  const bytes = Array.from(Buffer.from(text, 'utf8'));
  return bytes.length === 0 ? [] : [(number << 3) | 2, ...varint(bytes.length), ...bytes];
}

// A non-negative integer field (wire type 0); zero is left out, as proto3 does.
function varintField(number, value) {
  return value === 0 ? [] : [number << 3, ...varint(value)];
}

// The fields of a message, {number: [values]}: a varint's value, or a length-delimited field's bytes.
function fields(bytes) {
  const found = {};
  let at = 0;
  const readVarint = () => {
    let value = 0;
    let scale = 1;
    while (true) {
      const b = bytes[at++];
      value += (b & 127) * scale;
      scale *= 128;
      if ((b & 128) === 0) return value;
    }
  };
  while (at < bytes.length) {
    const key = readVarint();
    let value;
    if ((key & 7) === 2) {
      const length = readVarint();
      value = bytes.slice(at, at + length);
      at += length;
    } else {
      value = readVarint();
    }
    (found[key >> 3] = found[key >> 3] || []).push(value);
  }
  return found;
}

module.exports = {stringField, varintField, fields};
