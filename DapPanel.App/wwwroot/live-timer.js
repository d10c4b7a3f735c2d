// Ticks the live room's item timers in the browser, so a room of hundreds costs the server
// nothing per second. The server renders the truth at each change; this only counts on from it
// (in the formats of Features/LiveRoom/ItemTimer.razor) and touches the page only when the text
// changes: attendees' minute timers redraw once a minute.
(() => {
  const seconds = s => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
  const minutes = s => `${Math.floor(s / 60)}`;
  const setText = (element, text) => {
    if (!element) return;
    if (!element.firstChild) element.appendChild(document.createTextNode(text));
    else if (element.firstChild.nodeValue !== text) element.firstChild.nodeValue = text;
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
      const over = elapsed > planned;
      const inSeconds = timer.dataset.precision === 'seconds';
      setText(timer.querySelector('.live-timer-clock'),
        inSeconds ? `${seconds(elapsed)} / ${seconds(planned)}` : `${minutes(elapsed)} of ${minutes(planned)} min`);
      const overrun = over ? 'true' : 'false';
      if (timer.dataset.overrun !== overrun) timer.dataset.overrun = overrun;
      setText(timer.querySelector('.live-timer-note'), !over ? '\u00a0'
        : inSeconds ? `Over by ${seconds(elapsed - planned)}`
        : elapsed - planned < 60 ? 'Over time' : `Over by ${minutes(elapsed - planned)} min`);
    });
  }, 1000);
})();
