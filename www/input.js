// Reading what the user gives the page: files, folders and .gz archives, streamed. A JSONL
// corpus is cut into chunks of whole lines, each parsed by a worker with the number of its
// first line, so a 300 MB file never sits whole in memory and a broken record is reported at
// its real line. Everything else is small enough to read at once.

export const ACCEPTED = ['.txt', '.md', '.html', '.htm', '.jsonl', '.ndjson', '.csv'];
/** One megabyte of whole lines per worker request: big enough that the message overhead is
 * nothing, small enough that handling one chunk on the main thread (find the last newline,
 * count lines, copy) stays far below the 50 ms that makes a page feel stuck. */
export const CHUNK_BYTES = 1 << 20;

const plain = (name) => name.replace(/\.gz$/i, '');
export const isAccepted = (name) => ACCEPTED.some((ext) => plain(name).toLowerCase().endsWith(ext));
export const isJsonl = (name) => /\.(jsonl|ndjson)$/i.test(plain(name));

/** The file's bytes as a stream, decompressed when the name ends in .gz. */
function byteStream(file) {
  const stream = file.stream();
  return /\.gz$/i.test(file.name) ? stream.pipeThrough(new DecompressionStream('gzip')) : stream;
}

function concat(parts, length) {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function countLines(bytes) {
  // indexOf runs natively (memchr), an order of magnitude faster than a byte loop.
  let n = 0;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) n++;
  return n;
}

/** Lets the event loop run (input, paint) between chunks: stream reads resolve as microtasks,
 * so without this a fast disk turns the whole read loop into one long task. */
const yieldToPage = () => new Promise((ok) => setTimeout(ok, 0));

/** Offset just past the `n`th newline of `bytes`, or 0 when it holds fewer lines. */
function afterLines(bytes, n) {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = bytes.indexOf(10, at + 1);
    if (at === -1) return 0;
  }
  return at + 1;
}

/**
 * Reads one file through the pool. `onRecords({documents, warnings})` is called in file order;
 * `onBytes(n)` as bytes are read (of the file as stored, so the total is file.size).
 * With `shardLines` (a JSONL only), the file is cut into chunks of that many lines, and the
 * worker that parses a chunk also analyses it as one shard of a big corpus: `onRecords` then
 * also gets the shard's `report` (with its packed `sketches`). Reading and cleaning overlap,
 * and the texts are not sent back to a worker a second time.
 */
export async function readFile(pool, file, { onRecords, onBytes, shardLines = 0, alive = () => true }) {
  const name = plain(file.webkitRelativePath || file.name);
  if (isJsonl(file.name) && shardLines && !/\.gz$/i.test(file.name)) return readJsonlSlices(pool, file, name, { onRecords, onBytes, shardLines, alive });
  if (isJsonl(file.name)) return readJsonl(pool, file, name, { onRecords, onBytes, shardLines, alive });
  let buffer;
  try {
    buffer = await new Response(byteStream(file)).arrayBuffer();
  } catch (err) {
    onRecords({ documents: [], warnings: [{ name, line: null, message: `could not be read (${err.message || err}); is it really gzip?` }] });
    return;
  }
  onBytes(file.size);
  onRecords(await pool.run('readFile', [name, buffer], [buffer]));
}

/**
 * A plain (not gzipped) JSONL cleaned as it is read. A reader worker (reader.js) streams the
 * file and says where each run of `shardLines` lines ends; the page sends the worker that
 * analyses a chunk the file and that byte range (no bytes on the main thread), and the worker
 * reads it itself. The same chunks as `readJsonl` cuts; on a 300 MB file, scanning the bytes
 * and collecting the stream's buffers had been most of the main thread's time.
 */
async function readJsonlSlices(pool, file, name, { onRecords, onBytes, shardLines, alive }) {
  const reader = new Worker(new URL('./reader.js', import.meta.url));
  /** Chunk ends found and not sent yet; the reader's last word ({done, size} or {error}). */
  const cuts = [];
  let finished = null;
  let wake = null;
  const heard = () => {
    if (wake) wake();
    wake = null;
  };
  reader.onmessage = ({ data }) => {
    if (data.cuts) for (const c of data.cuts) cuts.push(c);
    else finished = data;
    heard();
  };
  reader.onerror = (event) => {
    event.preventDefault();
    finished = { error: event.message || 'the file could not be read' };
    heard();
  };
  reader.postMessage({ file, lines: shardLines });
  const inFlight = [];
  const limit = pool.size * 2;
  let start = 0;
  let line = 1;
  const send = (end) => {
    // The file and a byte range, not a Blob slice: slicing costs the main thread milliseconds
    // (the browser registers each new Blob), the worker slices for free.
    const chunk = { blob: { file, start, end }, name, firstLine: line };
    const result = pool.run('readAnalyzeChunk', [name, chunk.blob, line]);
    result.catch(() => {}); // awaited in order by drain; a cancelled job rejects them all
    inFlight.push({ result, end, chunk });
    line += shardLines;
    start = end;
  };
  const drain = async (keep) => {
    while (inFlight.length > keep) {
      const chunk = inFlight.shift();
      const records = await chunk.result;
      if (!alive()) return;
      records.documents.forEach((d, i) => Object.assign(d, { chunk: chunk.chunk, chunkIndex: i }));
      onRecords(records);
      onBytes(chunk.end);
    }
  };
  try {
    for (;;) {
      if (!alive()) return;
      if (cuts.length) {
        send(cuts.shift());
        await drain(limit);
      } else if (finished) break;
      else await new Promise((ok) => (wake = ok));
    }
    if (finished.error) {
      await drain(0);
      onRecords({ documents: [], warnings: [{ name, line, message: `reading stopped at this line: ${finished.error}` }] });
      return;
    }
    if (finished.size > start) send(finished.size);
    await drain(0);
    onBytes(file.size);
  } finally {
    reader.terminate();
  }
}

async function readJsonl(pool, file, name, { onRecords, onBytes, shardLines, alive }) {
  // Compressed bytes are counted as they arrive, so progress is measured against file.size.
  let raw = 0;
  const counted = file.stream().pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        raw += chunk.length;
        controller.enqueue(chunk);
      },
    }),
  );
  const stream = /\.gz$/i.test(file.name) ? counted.pipeThrough(new DecompressionStream('gzip')) : counted;
  const reader = stream.getReader();
  const inFlight = [];
  // At most two chunks per worker wait at once: reading stays ahead of parsing without
  // pulling the whole file into memory.
  const limit = pool.size * 2;
  let parts = [];
  let length = 0;
  /** Newlines in `parts` (counted only when cutting by lines). */
  let held = 0;
  let line = 1;

  /** Bytes out of the (decompressed) stream, and those of them sent in chunks: the progress of
   * a chunk is the share of the file before its end, not what the reader has pulled ahead. */
  let decoded = 0;
  let consumed = 0;
  const gzipped = /\.gz$/i.test(file.name);
  const send = (bytes) => {
    const first = line;
    const start = consumed;
    line += countLines(bytes);
    consumed += bytes.length;
    const at = decoded > 0 ? Math.round((raw * consumed) / decoded) : raw;
    const copy = bytes.slice();
    // A chunk cleaned as it is read keeps its bytes as a Blob (held by the browser, outside the
    // page's JS heap): its documents come back without their texts, which are parsed again
    // from the Blob when they are needed (`chunk` on each document, see app.js `inputsOf`). The
    // Blob is a slice of the file itself (no copy), or of the decompressed bytes of a .gz.
    const blob = shardLines ? (gzipped ? new Blob([copy]) : file.slice(start, consumed)) : null;
    const chunk = shardLines ? { blob, name, firstLine: first } : null;
    const method = shardLines ? 'readAnalyzeChunk' : 'readJsonlChunk';
    const result = pool.run(method, [name, copy.buffer, first], [copy.buffer]);
    result.catch(() => {}); // awaited in order by drain; a cancelled job rejects them all
    inFlight.push({ result, raw: at, chunk });
  };
  /** Where the next chunk ends in `buf`: after `shardLines` lines, or after the last whole
   * line once a megabyte is there; 0 when it is not time yet. */
  const cutAt = (buf) => (shardLines ? afterLines(buf, shardLines) : buf.length >= CHUNK_BYTES ? buf.lastIndexOf(10) + 1 : 0);
  // Progress counts the bytes read, or when chunks are cleaned as they are read, the bytes
  // whose analysis is back (reading runs ahead of cleaning).
  const drain = async (keep) => {
    while (inFlight.length > keep) {
      const chunk = inFlight.shift();
      const records = await chunk.result;
      if (!alive()) return;
      if (chunk.chunk) records.documents.forEach((d, i) => Object.assign(d, { chunk: chunk.chunk, chunkIndex: i }));
      onRecords(records);
      if (shardLines) onBytes(chunk.raw);
    }
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A cancelled job reads no further (its chunks' replies are dropped).
      if (!alive()) {
        reader.cancel().catch(() => {});
        return;
      }
      if (done) break;
      parts.push(value);
      length += value.length;
      decoded += value.length;
      if (shardLines) held += countLines(value);
      if (shardLines ? held < shardLines : length < CHUNK_BYTES) continue;
      let buf = concat(parts, length);
      let cut = cutAt(buf);
      if (cut === 0) {
        parts = [buf];
        continue;
      }
      while (cut > 0) {
        send(buf.subarray(0, cut));
        buf = buf.subarray(cut);
        cut = cutAt(buf);
      }
      const rest = buf.slice();
      parts = rest.length ? [rest] : [];
      length = rest.length;
      held = shardLines ? countLines(rest) : 0;
      if (!shardLines) onBytes(raw);
      await drain(limit);
      await yieldToPage();
    }
  } catch (err) {
    await drain(0);
    onRecords({ documents: [], warnings: [{ name, line, message: `reading stopped at this line: ${err.message || err}` }] });
    return;
  }
  if (length > 0) send(concat(parts, length));
  if (!shardLines) onBytes(file.size);
  await drain(0);
  onBytes(file.size);
}

/** Every file under the dropped items, folders walked breadth-first (no recursion), and the
 * paths of the files inside folders that are not of a supported type. */
export async function droppedFiles(dataTransfer) {
  const entries = [...(dataTransfer.items || [])]
    .filter((item) => item.kind === 'file')
    .map((item) => (item.webkitGetAsEntry ? item.webkitGetAsEntry() : null));
  if (entries.length === 0 || entries.some((e) => !e)) return { files: [...dataTransfer.files], skipped: [] };
  const files = [];
  const skipped = [];
  const queue = [...entries];
  while (queue.length) {
    const entry = queue.shift();
    if (entry.isFile) {
      const file = await new Promise((ok, fail) => entry.file(ok, fail));
      // Inside a folder only the supported kinds are read; a file dropped by itself is always
      // tried, so the user hears why it cannot be read.
      const inFolder = entry.fullPath.split('/').length > 2;
      if (!inFolder || isAccepted(file.name)) {
        files.push(withPath(file, entry.fullPath.replace(/^\//, '')));
      } else skipped.push(entry.fullPath.replace(/^\//, ''));
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
        if (batch.length === 0) break;
        queue.push(...batch);
      }
    }
  }
  return { files, skipped };
}

function withPath(file, path) {
  if (!path || path === file.name) return file;
  try {
    Object.defineProperty(file, 'webkitRelativePath', { value: path });
  } catch {
    /* read-only in some browsers: the plain name is used */
  }
  return file;
}
