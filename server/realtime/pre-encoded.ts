import * as parser from 'socket.io-parser';

/**
 * A value whose JSON was made once and is sent to many sockets as is. The board snapshot is the
 * case: the same few megabytes go to every screen that (re)connects at one seq, and Socket.IO
 * would otherwise walk (hasBinary) and stringify the whole object again for each of them.
 */
export class PreEncoded<T> {
  constructor(
    readonly value: T,
    readonly json: string,
  ) {}

  /** Any other serializer (a REST response, a test) still gets the plain value. */
  toJSON(): T {
    return this.value;
  }
}

const MARK = '\u0000pre-encoded:';

/** Looks only through small wrappers (ack result, sync result): never walks a large payload. */
function wrapsPreEncoded(value: unknown, depth: number): boolean {
  if (value instanceof PreEncoded) return true;
  if (depth === 0 || value === null || typeof value !== 'object') return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.length <= 8 && children.some((child) => wrapsPreEncoded(child, depth - 1));
}

/**
 * socket.io-parser's Encoder, except that a PreEncoded anywhere in a packet is spliced in from its
 * cached JSON. Packets without one take the normal path. The browser's parser is the standard one:
 * the wire format does not change.
 */
class SharedJsonEncoder extends parser.Encoder {
  // socket.io-parser types a packet's parts as any[]: a string, then any binary attachments.
  override encode(packet: parser.Packet): unknown[] {
    if (!wrapsPreEncoded(packet.data, 4)) return super.encode(packet) as unknown[];
    const found: PreEncoded<unknown>[] = [];
    const text = JSON.stringify(packet.data ?? null, function (this: Record<string, unknown>, key, value: unknown) {
      const original = this[key];
      if (original instanceof PreEncoded) {
        found.push(original);
        return `${MARK}${found.length - 1}`;
      }
      return value;
    });
    if (found.length === 0) return super.encode(packet) as unknown[];
    let head = String(packet.type);
    if (packet.nsp && packet.nsp !== '/') head += `${packet.nsp},`;
    if (packet.id != null) head += packet.id;
    const spliced = text.replace(new RegExp(`"\\\\u0000pre-encoded:(\\d+)"`, 'g'), (_m, i: string) => found[Number(i)].json);
    return [head + spliced];
  }
}

/** Pass as `new Server(http, { parser: sharedJsonParser })`. */
export const sharedJsonParser = { Encoder: SharedJsonEncoder, Decoder: parser.Decoder };
