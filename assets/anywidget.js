// rnn-params as an anywidget (https://anywidget.dev): the ES module at the root of the build
// (anywidget.js), used by the Python package in python/ (RnnParams) and by MyST's {anywidget}
// directive. render({ model, el }) puts the widget in a frame that loads it from `base_url` (the
// folder of the build: the Python package serves its bundled copy on 127.0.0.1; a MyST page gives
// the address where dist/ is hosted), and keeps the model's settings and the widget's state in
// step both ways:
//   - the widget posts {type: "rnn-params:state", query} on every change: the settings it holds
//     are written into the model (model.save_changes());
//   - a setting changed on the model (Python: w.units = 128) reloads the frame with that state.
// Heights ({type: "rnn-params:resize", height}) size the frame, accepted only from that frame and
// the widget's origin. Nothing from the model is parsed as HTML.

// The synced settings: model key ⇄ URL parameter, and how a value is written and read.
const FIELDS = [
  ['framework', 'framework', String, String],
  ['cell', 'cell', String, String],
  ['input', 'input', String, Number],
  ['units', 'units', String, Number],
  ['layers', 'layers', String, Number],
  ['bidirectional', 'bidir', (v) => (v ? '1' : '0'), (v) => v === '1'],
];

function queryOf(model) {
  const params = new URLSearchParams();
  for (const [key, param, write] of FIELDS) {
    const value = model.get(key);
    if (value !== undefined && value !== null) params.set(param, write(value));
  }
  const extra = new URLSearchParams(model.get('extra') || '');
  for (const [k, v] of extra) if (!params.has(k)) params.set(k, v);
  params.set('embed', '1');
  return params;
}

function baseOf(model) {
  const given = model.get('base_url') || '';
  return new URL(given || './', document.baseURI);
}

function render({ model, el }) {
  const frame = document.createElement('iframe');
  frame.title = 'rnn-params: how many parameters does this recurrent layer have?';
  frame.setAttribute('allow', 'clipboard-write');
  frame.className = 'rnn-params-frame';
  frame.style.width = '100%';
  frame.style.border = '0';
  frame.style.display = 'block';
  frame.style.height = `${Number(model.get('height')) || 900}px`;
  el.replaceChildren(frame);

  // The query the frame shows now (what it reported last, or what it was loaded with).
  let shown = '';
  const load = () => {
    const base = baseOf(model);
    const params = queryOf(model);
    shown = canonical(params);
    frame.src = `${base.href}?${params}`;
  };
  // Compares the settings only: key order and other parameters do not matter.
  // The widget writes layers only when it is not 1.
  const canonical = (params) => FIELDS.map(([, p]) => `${p}=${params.get(p) ?? (p === 'layers' ? '1' : '')}`).join('&');

  const onMessage = (event) => {
    if (event.source !== frame.contentWindow) return;
    if (event.origin !== baseOf(model).origin) return;
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'rnn-params:resize' && typeof data.height === 'number' && Number.isFinite(data.height)) {
      frame.style.height = `${Math.min(20000, Math.max(200, Math.ceil(data.height)))}px`;
    } else if (data.type === 'rnn-params:state' && typeof data.query === 'string') {
      const params = new URLSearchParams(data.query);
      shown = canonical(params);
      let changed = false;
      for (const [key, param, , read] of FIELDS) {
        const raw = params.get(param);
        // The widget writes layers only when it is not 1.
        const value = raw === null ? (param === 'layers' ? 1 : undefined) : read(raw);
        if (value !== undefined && model.get(key) !== value) {
          model.set(key, value);
          changed = true;
        }
      }
      if (changed) model.save_changes();
    }
  };
  window.addEventListener('message', onMessage);

  const onChange = () => {
    // A change that the widget itself reported is already shown.
    if (canonical(queryOf(model)) !== shown) load();
  };
  const events = [...FIELDS.map(([key]) => `change:${key}`), 'change:extra', 'change:base_url'];
  for (const name of events) model.on(name, onChange);
  load();

  return () => {
    window.removeEventListener('message', onMessage);
    for (const name of events) model.off(name, onChange);
  };
}

export default { render };
