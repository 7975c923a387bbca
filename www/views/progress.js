// The progress line: a native <progress> (announced by screen readers), what is being done,
// documents per second and the time left. Its height is reserved in the layout, so showing it
// moves nothing.
import { fmt } from './dom.js';

export class Progress {
  constructor(root) {
    this.root = root;
    this.bar = root.querySelector('progress');
    this.label = root.querySelector('.progress-label');
    this.rate = root.querySelector('.progress-rate');
    this.cancel = root.querySelector('button');
    this.idle();
  }

  /** Starts a phase: `total` units (documents or bytes), `unit` for the rate label. */
  start(what, total, unit = 'documents') {
    this.what = what;
    this.total = total;
    this.unit = unit;
    this.t0 = performance.now();
    this.root.classList.add('running');
    this.cancel.hidden = false;
    this.update(0);
  }

  update(done) {
    this.done = done;
    if (this.total > 0) {
      this.bar.max = this.total;
      this.bar.value = Math.min(done, this.total);
    } else {
      this.bar.removeAttribute('value');
    }
    this.label.textContent = this.total > 0 && this.unit === 'documents' ? `${this.what}: ${fmt(done)} of ${fmt(this.total)} documents` : `${this.what}…`;
    const seconds = (performance.now() - this.t0) / 1000;
    if (done > 0 && seconds > 0.2) {
      const perSecond = done / seconds;
      const left = this.total > done ? (this.total - done) / perSecond : 0;
      const rate = this.unit === 'bytes' ? `${(perSecond / 1048576).toFixed(1)} MB/s` : `${fmt(Math.round(perSecond))} docs/s`;
      this.rate.textContent = `${rate} · ${left >= 1 ? `about ${Math.ceil(left)} s left` : 'almost done'}`;
    } else {
      this.rate.textContent = '';
    }
  }

  /** Indeterminate: a step whose length is not known (clustering). */
  step(what) {
    this.what = what;
    this.total = 0;
    this.bar.removeAttribute('value');
    this.label.textContent = `${what}…`;
    this.rate.textContent = '';
  }

  idle(message = '') {
    this.root.classList.remove('running');
    this.cancel.hidden = true;
    this.bar.max = 1;
    this.bar.value = 0;
    this.label.textContent = message;
    this.rate.textContent = '';
  }
}
