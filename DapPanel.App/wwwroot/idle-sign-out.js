// Ends the sign-in after the configured time without keyboard, pointer or scroll input in any DapPanel tab.
// An open page talks to the server over its circuit, which makes no HTTP requests, so this also renews
// the sliding sign-in cookie now and then while the person is active.
(() => {
  const sharedKey = 'dappanel:last-input';
  let lastInput = Date.now();
  let lastRenewal = Date.now();
  let signingOut = false;

  const noteInput = () => {
    const now = Date.now();
    if (now - lastInput < 1000) return;
    lastInput = now;
    try { localStorage.setItem(sharedKey, String(now)); } catch { /* private mode: this tab alone counts */ }
  };
  const latestInput = () => {
    let shared = 0;
    try { shared = Number(localStorage.getItem(sharedKey)) || 0; } catch { }
    return Math.max(lastInput, shared);
  };
  ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'scroll']
    .forEach(name => addEventListener(name, noteInput, { capture: true, passive: true }));

  // Wakes when the sign-in would run out, and at least every 15 s (input in another tab, renewal), not every second.
  const check = () => {
    // Present only on signed-in pages; its value comes from Security:IdleTimeoutMinutes.
    const settings = document.getElementById('idle-sign-out');
    if (!settings || signingOut) return 15_000;
    const limit = Number(settings.dataset.idleSeconds) * 1000;
    const idle = Date.now() - latestInput();
    if (idle >= limit) {
      const form = document.querySelector('form[action="/account/logout"]');
      if (!form) return 15_000;
      signingOut = true;
      const reason = form.querySelector('input[name=reason]');
      if (reason) reason.value = 'idle';
      form.submit();
    } else if (idle < 60_000 && Date.now() - lastRenewal > limit / 4) {
      lastRenewal = Date.now();
      fetch('/account/keep-alive', { method: 'POST', credentials: 'same-origin', cache: 'no-store' }).catch(() => { });
    }
    return Math.min(15_000, Math.max(1_000, limit - idle));
  };
  const schedule = () => setTimeout(schedule, check());
  schedule();
})();
