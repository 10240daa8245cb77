// MediaPipe's selfie segmentation model as MediaPipe Tasks' ImageSegmenter (the one
// @livekit/track-processors uses) can read it. The model that ships in an npm package,
// `@mediapipe/selfie_segmentation`'s selfie_segmentation.tflite (Apache-2.0), was made for the
// older MediaPipe Solutions graph, which scales the camera picture to [0, 1] itself; it carries no
// TFLite metadata, and Tasks refuses a float input without the metadata's NormalizationOptions
// ("Input tensor has type float32: it requires specifying NormalizationOptions metadata"). The
// build adds exactly that metadata (mean 0, std 255: pixels to [0, 1], as the older graph did),
// leaving the weights and the graph untouched, so no model is fetched from a model hub.
//
// TFLite models are FlatBuffers whose offsets only point forward. The new root `Model` table, the
// new `buffers` vector (the old buffers plus one holding the metadata) and the `metadata` entry are
// written in front of the old content, which moves as a block (by a multiple of 64 bytes, so every
// alignment holds) and is referenced where it is.

/** A minimal forward FlatBuffers writer: every object is written before the objects it refers to. */
class Writer {
  constructor(base = 0) {
    this.base = base;
    this.bytes = [];
    this.patches = [];
  }
  get position() {
    return this.base + this.bytes.length;
  }
  align(n) {
    while (this.position % n) this.bytes.push(0);
  }
  u8(v) {
    this.bytes.push(v & 0xff);
  }
  u16(v) {
    this.u8(v);
    this.u8(v >> 8);
  }
  u32(v) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    this.bytes.push(...b);
  }
  i32(v) {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.bytes.push(...b);
  }
  f32(v) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.bytes.push(...b);
  }
  setU32(at, v) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    for (let i = 0; i < 4; i++) this.bytes[at - this.base + i] = b[i];
  }
  /** Writes `node` (and, after it, what it refers to); returns its position. */
  write(node) {
    if (node.at !== undefined) return node.at; // an object already in the file
    if (node.string !== undefined) {
      this.align(4);
      const at = this.position;
      const data = Buffer.from(node.string, 'utf8');
      this.u32(data.length);
      this.bytes.push(...data, 0);
      return at;
    }
    if (node.bytes !== undefined) {
      // The data 16-aligned (an embedded FlatBuffer), its length just before it.
      while ((this.position + 4) % 16) this.bytes.push(0);
      const at = this.position;
      this.u32(node.bytes.length);
      this.bytes.push(...node.bytes);
      return at;
    }
    if (node.floats !== undefined) {
      this.align(4);
      const at = this.position;
      this.u32(node.floats.length);
      node.floats.forEach((v) => this.f32(v));
      return at;
    }
    if (node.offsets !== undefined) {
      this.align(4);
      const at = this.position;
      this.u32(node.offsets.length);
      const slots = node.offsets.map(() => {
        const slot = this.position;
        this.u32(0);
        return slot;
      });
      node.offsets.forEach((child, i) => this.setU32(slots[i], this.write(child) - slots[i]));
      return at;
    }
    // A table: fields [kind, value] by slot (null: absent); kinds u8, u32, offset.
    const fields = node.table;
    const size = { u8: 1, u32: 4, offset: 4 };
    // Inline layout: soffset, then 4-byte fields, then bytes.
    const order = fields
      .map((field, slot) => [field, slot])
      .filter(([field]) => field)
      .sort(([a], [b]) => size[b[0]] - size[a[0]]);
    let inline = 4;
    const fieldAt = new Map();
    for (const [field, slot] of order) {
      fieldAt.set(slot, inline);
      inline += size[field[0]];
    }
    const tableSize = inline;
    // The vtable first (2-aligned), then the table 4-aligned right after.
    this.align(4);
    const vtableSize = 4 + 2 * fields.length;
    if ((this.position + vtableSize) % 4) this.u16(0);
    const vtable = this.position;
    this.u16(vtableSize);
    this.u16(tableSize);
    fields.forEach((_, slot) => this.u16(fieldAt.get(slot) ?? 0));
    const at = this.position;
    this.i32(at - vtable);
    const children = [];
    for (const [[kind, value]] of order) {
      if (kind === 'u8') this.u8(value);
      else if (kind === 'u32') this.u32(value);
      else {
        children.push([this.position, value]);
        this.u32(0);
      }
    }
    for (const [slot, child] of children) this.setU32(slot, this.write(child) - slot);
    return at;
  }
}

/** A FlatBuffer with `root` as its root table and `identifier` (4 characters). */
function finish(root, identifier) {
  const writer = new Writer(0);
  writer.u32(0);
  writer.bytes.push(...Buffer.from(identifier, 'latin1'));
  writer.setU32(0, writer.write(root));
  return Buffer.from(writer.bytes);
}

/** TFLite metadata (metadata_schema.fbs, identifier M001): the input image's normalization. */
export function normalizationMetadata({ mean, std }) {
  const normalization = {
    table: [
      ['offset', { floats: mean }],
      ['offset', { floats: std }],
    ],
  };
  // ProcessUnit { options_type: NormalizationOptions (1), options }
  const unit = {
    table: [
      ['u8', 1],
      ['offset', normalization],
    ],
  };
  // TensorMetadata { name, description, dimension_names, content, process_units }
  const input = { table: [['offset', { string: 'image' }], null, null, null, ['offset', { offsets: [unit] }]] };
  // SubGraphMetadata { name, description, input_tensor_metadata }
  const subgraph = { table: [null, null, ['offset', { offsets: [input] }]] };
  // ModelMetadata { name, description, version, subgraph_metadata, author, license, associated_files, min_parser_version }
  const model = {
    table: [['offset', { string: 'selfie_segmentation' }], null, null, ['offset', { offsets: [subgraph] }], null, null, null, ['offset', { string: '1.0.0' }]],
  };
  return finish(model, 'M001');
}

/** The fields of the table at `at` in `b`: [position of the field, or undefined] by slot. */
function tableFields(b, at) {
  const vtable = at - b.readInt32LE(at);
  const count = (b.readUInt16LE(vtable) - 4) / 2;
  return Array.from({ length: count }, (_, i) => {
    const offset = b.readUInt16LE(vtable + 4 + 2 * i);
    return offset ? at + offset : undefined;
  });
}
const target = (b, field) => field + b.readUInt32LE(field);

/** `model` (a .tflite file) with `metadata` added as its TFLITE_METADATA. */
export function withMetadata(model, metadata) {
  if (model.toString('latin1', 4, 8) !== 'TFL3') throw new Error('not a TFLite model');
  const root = model.readUInt32LE(0);
  // Model { version, operator_codes, subgraphs, description, buffers, metadata_buffer, metadata }
  const fields = tableFields(model, root);
  if (fields[6] !== undefined) throw new Error('the model already has metadata');
  const oldBuffers = target(model, fields[4]);
  const bufferCount = model.readUInt32LE(oldBuffers);
  // Lay the front out once to learn its size, then for real with the old content moved by it.
  const front = (shift) => {
    const moved = (position) => ({ at: position + shift });
    const buffers = Array.from({ length: bufferCount }, (_, i) => moved(target(model, oldBuffers + 4 + 4 * i)));
    // Buffer { data }
    buffers.push({ table: [['offset', { bytes: metadata }]] });
    // Metadata { name, buffer }
    const entry = {
      table: [
        ['offset', { string: 'TFLITE_METADATA' }],
        ['u32', bufferCount],
      ],
    };
    const newRoot = {
      table: [
        fields[0] === undefined ? null : ['u32', model.readUInt32LE(fields[0])],
        fields[1] === undefined ? null : ['offset', moved(target(model, fields[1]))],
        fields[2] === undefined ? null : ['offset', moved(target(model, fields[2]))],
        fields[3] === undefined ? null : ['offset', moved(target(model, fields[3]))],
        ['offset', { offsets: buffers }],
        fields[5] === undefined ? null : ['offset', moved(target(model, fields[5]))],
        ['offset', { offsets: [entry] }],
      ],
    };
    const writer = new Writer(8);
    const at = writer.write(newRoot);
    return { at, bytes: Buffer.from(writer.bytes) };
  };
  const size = Math.ceil(front(0).bytes.length / 64) * 64;
  const { at, bytes } = front(size);
  if (bytes.length > size) throw new Error('front grew');
  const out = Buffer.alloc(model.length + size);
  out.writeUInt32LE(at, 0);
  out.write('TFL3', 4, 'latin1');
  bytes.copy(out, 8);
  model.copy(out, 8 + size, 8);
  return out;
}

/** The selfie segmentation model with the metadata MediaPipe Tasks needs (pixels scaled to [0, 1]). */
export function selfieSegmentationForTasks(model) {
  return withMetadata(model, normalizationMetadata({ mean: [0], std: [255] }));
}
