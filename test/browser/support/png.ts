/**
 * @module Just enough PNG for comparing screenshots: decodes what Chromium writes (8-bit RGB or
 * RGBA, not interlaced) into RGBA pixels, and encodes RGBA pixels (for the difference image).
 * node:zlib does the compression; the rest is the format's chunks and scanline filters.
 */
import { crc32, deflateSync, inflateSync } from 'node:zlib'

export interface Image {
  width: number
  height: number
  /** RGBA, 4 bytes per pixel, row after row. */
  pixels: Uint8Array
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Undoes one scanline's filter in place (PNG spec, 9.2), given the previous unfiltered line. */
function unfilter(type: number, line: Uint8Array, previous: Uint8Array, bpp: number): void {
  for (let i = 0; i < line.length; i++) {
    const left = i >= bpp ? line[i - bpp]! : 0
    const up = previous[i]!
    const upLeft = i >= bpp ? previous[i - bpp]! : 0
    let add: number
    switch (type) {
      case 0:
        return
      case 1:
        add = left
        break
      case 2:
        add = up
        break
      case 3:
        add = (left + up) >> 1
        break
      case 4: {
        const p = left + up - upLeft
        const pa = Math.abs(p - left)
        const pb = Math.abs(p - up)
        const pc = Math.abs(p - upLeft)
        add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft
        break
      }
      default:
        throw new Error(`PNG scanline filter ${type} is not one of 0-4`)
    }
    line[i] = (line[i]! + add) & 0xff
  }
}

export function decodePng(file: Uint8Array): Image {
  const data = Buffer.from(file)
  if (!data.subarray(0, 8).equals(signature)) throw new Error('Not a PNG file (bad signature)')
  let width = 0
  let height = 0
  let channels = 0
  const compressed: Buffer[] = []
  for (let offset = 8; offset < data.length; ) {
    const length = data.readUInt32BE(offset)
    const type = data.toString('latin1', offset + 4, offset + 8)
    const body = data.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]]
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0)
        throw new Error(`Only 8-bit RGB/RGBA non-interlaced PNGs are read here (depth ${depth}, colour type ${colour})`)
      channels = colour === 6 ? 4 : 3
    } else if (type === 'IDAT') compressed.push(body)
    else if (type === 'IEND') break
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(compressed))
  const stride = width * channels
  const pixels = new Uint8Array(width * height * 4)
  let previous = new Uint8Array(stride)
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1)
    const line = Uint8Array.from(raw.subarray(start + 1, start + 1 + stride))
    unfilter(raw[start]!, line, previous, channels)
    for (let x = 0; x < width; x++) {
      const to = (y * width + x) * 4
      const from = x * channels
      pixels[to] = line[from]!
      pixels[to + 1] = line[from + 1]!
      pixels[to + 2] = line[from + 2]!
      pixels[to + 3] = channels === 4 ? line[from + 3]! : 255
    }
    previous = line
  }
  return { width, height, pixels }
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(body.length, 0)
  head.write(type, 4, 'latin1')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0)
  return Buffer.concat([head, body, crc])
}

export function encodePng({ width, height, pixels }: Image): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 6, 0, 0, 0], 8)
  const raw = Buffer.alloc(height * (width * 4 + 1))
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1)
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
