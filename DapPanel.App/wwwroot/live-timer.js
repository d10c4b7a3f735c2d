// Ticks the live room's item timers in the browser, so a room of hundreds costs the server
// nothing per second. The server renders the truth at each change; this only counts on from it.
(() => {
  const format = seconds => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
  const setText = (element, text) => {
    if (!element) return;
    if (element.firstChild) element.firstChild.nodeValue = text;
    else element.appendChild(document.createTextNode(text));
  };
  setInterval(() => {
    const now = performance.now();
    document.querySelectorAll('.live-timer[data-running="true"]').forEach(timer => {
      const rendered = timer.dataset.elapsed;
      if (timer.__rendered !== rendered) {
        timer.__rendered = rendered;
        timer.__seenAt = now;
      }
      const elapsed = Number(rendered) + (now - timer.__seenAt) / 1000;
      const planned = Number(timer.dataset.planned);
      setText(timer.querySelector('.live-timer-clock'), `${format(elapsed)} / ${format(planned)}`);
      const over = elapsed > planned;
      timer.dataset.overrun = over ? 'true' : 'false';
      setText(timer.querySelector('.live-timer-note'), over ? `Over by ${format(elapsed - planned)}` : '\u00a0');
    });
  }, 1000);
})();
