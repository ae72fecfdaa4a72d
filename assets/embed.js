// rnn-params script embed (copied to the root of the build as embed.js; see docs/embedding.md).
//
//   <script src="https://example.edu/courses/rnn/embed.js" data-rnn-params="cell=gru&units=128" async></script>
//
// puts a widget frame right after the script tag. For several widgets, write placeholders
//
//   <div data-rnn-params="cell=lstm"></div>  <div data-rnn-params="cell=gru&hide=plot"></div>
//
// and load the script once (without data-rnn-params): each placeholder gets its frame. The frames load
// the widget from the folder this script was loaded from (any sub-path), with embed=1, and take the
// height that each widget posts ({type: "rnn-params:resize", height}), accepted only from that frame's
// window and the widget's origin. Nothing from data-rnn-params is parsed as HTML: it becomes the
// frame's query string through URLSearchParams.
(() => {
  'use strict';
  const script = document.currentScript;
  if (!script || !script.src) return;
  const root = new URL('./', script.src);
  const origin = root.origin;
  // One registry per page, shared by every copy of this script (one listener for all frames).
  const key = Symbol.for('rnn-params.embed');
  const registry = (window[key] ??= { frames: new Map(), listening: false });

  const MIN = 200;
  const MAX = 20000;

  function frameFor(query, placeholder) {
    const params = new URLSearchParams(query || '');
    params.set('embed', '1');
    const frame = document.createElement('iframe');
    frame.src = `${root.href}?${params}`;
    frame.title = placeholder.getAttribute('data-title') || 'rnn-params: how many parameters does this recurrent layer have?';
    frame.width = '100%';
    // Until the widget posts its height: the author's data-height, or a first screen's worth.
    const start = Number.parseInt(placeholder.getAttribute('data-height') || '', 10);
    frame.style.height = `${Number.isFinite(start) ? Math.min(MAX, Math.max(MIN, start)) : 900}px`;
    frame.style.border = '0';
    frame.style.width = '100%';
    frame.style.display = 'block';
    frame.setAttribute('allow', 'clipboard-write');
    frame.setAttribute('loading', 'lazy');
    frame.className = 'rnn-params-frame';
    // A widget that posted its height before this page listened (or loaded from cache first) is asked again.
    frame.addEventListener('load', () => {
      frame.contentWindow?.postMessage({ type: 'rnn-params:request-height' }, origin);
    });
    return frame;
  }

  function mount(element) {
    if (element.hasAttribute('data-rnn-params-mounted')) return;
    element.setAttribute('data-rnn-params-mounted', '');
    const query = element.getAttribute('data-rnn-params');
    const frame = frameFor(query, element);
    if (element.tagName === 'SCRIPT') element.after(frame);
    else element.replaceChildren(frame);
    registry.frames.set(frame, true);
  }

  function scan() {
    for (const element of document.querySelectorAll('[data-rnn-params]')) {
      // A script tag mounts only itself (another copy of this script mounts its own).
      if (element.tagName === 'SCRIPT' && element !== script) continue;
      mount(element);
    }
  }

  if (!registry.listening) {
    registry.listening = true;
    window.addEventListener('message', (event) => {
      const data = event.data;
      if (!data || typeof data !== 'object' || data.type !== 'rnn-params:resize') return;
      if (typeof data.height !== 'number' || !Number.isFinite(data.height)) return;
      for (const frame of registry.frames.keys()) {
        if (frame.contentWindow !== event.source) continue;
        // Only the widget's own origin may size its frame.
        if (event.origin !== new URL(frame.src).origin) return;
        frame.style.height = `${Math.min(MAX, Math.max(MIN, Math.ceil(data.height)))}px`;
        return;
      }
    });
  }

  scan();
  // An async script may run before the placeholders below it are parsed.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
})();
