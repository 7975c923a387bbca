// The reader of a big plain JSONL: streams the file and finds where each run of `lines` lines
// ends, so the page's main thread never touches the bytes (scanning 300 MB for newlines, and
// collecting the stream's buffers, took it seconds). Posts {cuts: [end offsets], lines: [line
// counts]} in batches as it goes, then {done: true} (or {error}). The workers read each chunk
// from the file themselves (a Blob slice).
self.onmessage = async ({ data: { file, lines } }) => {
  try {
    const reader = file.stream().getReader();
    let offset = 0;
    let held = 0;
    let cuts = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) {
        if (++held === lines) {
          cuts.push(offset + at + 1);
          held = 0;
        }
      }
      offset += value.length;
      if (cuts.length) {
        self.postMessage({ cuts, offset });
        cuts = [];
      }
    }
    self.postMessage({ done: true, size: offset, tail: held });
  } catch (err) {
    self.postMessage({ error: String((err && err.message) || err) });
  }
};
