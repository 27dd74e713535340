import { deflateSync } from 'node:zlib';

/** One run of text placed on a page, in PDF points from the bottom-left corner. */
export interface PdfText {
  x: number;
  y: number;
  text: string;
  /** Font size in points (default 10). */
  size?: number;
}

export interface PdfPageSpec {
  texts: PdfText[];
  /** Raw content-stream operators drawn before the text (a scan is a page of drawing only). */
  drawing?: string;
}

export interface PdfSpec {
  pages: PdfPageSpec[];
  title?: string;
  /** A source address in the document information dictionary (a custom `URL` entry). */
  url?: string;
  /** The page count the page tree claims, whatever it holds. */
  claimedCount?: number;
  /** Protect with a user password: a reader without it cannot open the file. */
  encrypted?: boolean;
  /** An extra Flate stream that inflates to this many bytes. */
  inflatingStream?: number;
  /** A text filter the inflating stream is wrapped in before its Flate stage (`/Filter [/X /FlateDecode]`). */
  inflatingStreamWrapper?: 'ASCIIHexDecode' | 'ASCII85Decode';
  /** Outline entries: a title and the (1-based) page it points to. */
  outline?: { title: string; page: number }[];
}

/** Adobe's ASCII85, without the `z` shorthand (a writer may leave it out). */
function ascii85(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const chunk = bytes.subarray(i, i + 4);
    let value = 0;
    for (let k = 0; k < 4; k++) value = value * 256 + (chunk[k] ?? 0);
    const digits: string[] = [];
    for (let k = 0; k < 5; k++) {
      digits.unshift(String.fromCharCode(33 + (value % 85)));
      value = Math.floor(value / 85);
    }
    out += digits.slice(0, chunk.length + 1).join('');
  }
  return out;
}

const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);

/**
 * A small, valid PDF written by hand: Helvetica text at given places, one content stream per page,
 * a correct cross-reference table. Enough for pdf.js to read the text layer as a real file's.
 */
export function makePdf(spec: PdfSpec): Uint8Array {
  const objects: (string | Buffer)[] = [];
  const add = (body: string | Buffer) => objects.push(body);
  const n = spec.pages.length;
  // 1 catalog, 2 page tree, 3 font, 4 info, then a page and its content per page, then extras.
  const pageRef = (i: number) => 5 + 2 * i;
  const outlineStart = 5 + 2 * n;
  const hasOutline = (spec.outline?.length ?? 0) > 0;
  add(`<< /Type /Catalog /Pages 2 0 R${hasOutline ? ` /Outlines ${outlineStart} 0 R` : ''} >>`);
  add(`<< /Type /Pages /Kids [${spec.pages.map((_, i) => `${pageRef(i)} 0 R`).join(' ')}] /Count ${spec.claimedCount ?? n} >>`);
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  add(`<< /Title (${escape(spec.title ?? '')}) /Producer (footnote tests)${spec.url ? ` /URL (${escape(spec.url)})` : ''} >>`);
  spec.pages.forEach((page, i) => {
    const ops = [page.drawing ?? '', ...page.texts.map((t) => `BT /F1 ${t.size ?? 10} Tf 1 0 0 1 ${t.x} ${t.y} Tm (${escape(t.text)}) Tj ET`)].join('\n');
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageRef(i) + 1} 0 R >>`);
    add(`<< /Length ${Buffer.byteLength(ops, 'latin1')} >>\nstream\n${ops}\nendstream`);
  });
  if (hasOutline && spec.outline) {
    const items = spec.outline;
    add(`<< /Type /Outlines /First ${outlineStart + 1} 0 R /Last ${outlineStart + items.length} 0 R /Count ${items.length} >>`);
    items.forEach((item, k) => {
      const self = outlineStart + 1 + k;
      const links = `${k > 0 ? ` /Prev ${self - 1} 0 R` : ''}${k < items.length - 1 ? ` /Next ${self + 1} 0 R` : ''}`;
      add(`<< /Title (${escape(item.title)}) /Parent ${outlineStart} 0 R /Dest [${pageRef(item.page - 1)} 0 R /XYZ 0 792 0]${links} >>`);
    });
  }
  if (spec.inflatingStream !== undefined) {
    const deflated = deflateSync(Buffer.alloc(spec.inflatingStream));
    const wrapper = spec.inflatingStreamWrapper;
    const packed = wrapper === undefined ? deflated : Buffer.from(wrapper === 'ASCIIHexDecode' ? `${deflated.toString('hex')}>` : `${ascii85(deflated)}~>`, 'latin1');
    const filter = wrapper === undefined ? '/FlateDecode' : `[/${wrapper} /FlateDecode]`;
    add(Buffer.concat([Buffer.from(`<< /Length ${packed.length} /Filter ${filter} >>\nstream\n`, 'latin1'), packed, Buffer.from('\nendstream', 'latin1')]));
  }
  let encryptRef = 0;
  if (spec.encrypted) {
    add(`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`);
    encryptRef = objects.length;
  }

  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const bytes = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(bytes);
    length += bytes.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  const id = '0123456789abcdef0123456789abcdef';
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R${encryptRef ? ` /Encrypt ${encryptRef} 0 R` : ''} /ID [<${id}> <${id}>] >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref + trailer, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}
