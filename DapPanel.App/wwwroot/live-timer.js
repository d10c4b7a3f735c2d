// Ticks the live room's item timers in the browser, so a room of hundreds costs the server
// nothing per second. The server renders the truth at each change; this only counts on from it
// (in the formats of Features/LiveMeeting/ItemTimer.razor). It wakes only when a shown text will
// change: every second on the chair's screen, once a minute on attendees', never with no timer running.
(() => {
  const seconds = s => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
  const minutes = s => `${Math.floor(s / 60)}`;
  const setText = (element, text) => {
    if (!element) return;
    if (!element.firstChild) element.appendChild(document.createTextNode(text));
    else if (element.firstChild.nodeValue !== text) element.firstChild.nodeValue = text;
  };
  let wake = null;

  // Counts each running timer on from what the server last rendered; answers how long until a text changes.
  const tick = () => {
    const now = performance.now();
    let next = Infinity;
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
      // Planned times are whole minutes, so every text changes on a whole second (or minute) of elapsed time.
      const step = inSeconds ? 1 : 60;
      next = Math.min(next, (step - (elapsed % step)) * 1000);
    });
    return next;
  };

  const schedule = () => {
    clearTimeout(wake);
    const next = tick();
    // A few milliseconds late rather than early, so the text has changed when the page wakes.
    wake = Number.isFinite(next) ? setTimeout(schedule, next + 5) : null;
  };

  // The server renders a timer shown, started, paused or corrected: count on from that. Other changes to the
  // page (a lever added) leave the timers alone.
  const concernsTimer = record => record.type === 'attributes' || [...record.addedNodes].some(node =>
    node.nodeType === Node.ELEMENT_NODE && (node.matches('.live-timer') || node.querySelector('.live-timer')));
  new MutationObserver(records => { if (records.some(concernsTimer)) schedule(); }).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-elapsed', 'data-running'],
  });
  schedule();
})();
