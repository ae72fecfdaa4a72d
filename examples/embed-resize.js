// Host-page script for rnn-params iframes: each widget posts its content height as
// {type: "rnn-params:resize", height}; this sets that frame's height so it never scrolls inside.
// It accepts a message only from the frame it resizes, and only a plain number as the height.
window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'rnn-params:resize' || typeof data.height !== 'number') return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.max(0, Math.ceil(data.height))}px`;
    }
  }
});
