// Starts Blazor; App.razor loads its script with autostart="false". DapPanel and its packages have no JavaScript
// initializers (PageAssetsTests holds it), so saying so here spares every page load the request that asks the server
// for them before the circuit can start.
//
// Reconnection (docs/decisions/0014-reconnection.md): after a dropped connection the page tries again every quarter
// second for four minutes (longer than the server keeps a disconnected circuit), so it rejoins within about a second
// of the network coming back instead of Blazor's default five- and thirty-second waits. When it rejoins the same
// circuit, every field the person has changed is sent again as it now reads: what they typed while the connection was
// down (or in the moments before the browser noticed) reaches the server, so what they see is what is saved.
(() => {
  const retryEveryMilliseconds = 250;
  const retryForMilliseconds = 4 * 60 * 1000;
  const pause = milliseconds => new Promise(resolve => setTimeout(resolve, milliseconds));

  // Fields the person has changed, oldest first; a field changed again moves to the end, so sending them again in
  // this order repeats the person's own order (an agency chosen before its person).
  const edited = new Map();
  const remember = event => {
    const field = event.target;
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement)) return;
    if (event.resending) return;
    edited.delete(field);
    edited.set(field, true);
  };
  document.addEventListener('input', remember, true);
  document.addEventListener('change', remember, true);

  function sendFieldsAgain() {
    for (const field of [...edited.keys()]) {
      if (!field.isConnected) { edited.delete(field); continue; }
      const textual = field instanceof HTMLTextAreaElement
        || (field instanceof HTMLInputElement && !['checkbox', 'radio', 'date', 'file'].includes(field.type));
      for (const type of textual ? ['input', 'change'] : ['change']) {
        const event = new Event(type, { bubbles: true });
        event.resending = true;
        field.dispatchEvent(event);
      }
    }
  }

  // Blazor's own wait between tries counts in whole seconds; the wait is taken before each try instead, so tries come
  // every quarter second. Should a later Blazor change how it reconnects, its one-second waits apply unchanged.
  let paced = false;
  function paceRetries(handler) {
    if (paced || typeof handler._reconnectCallback !== 'function') return;
    const reconnect = handler._reconnectCallback;
    handler._reconnectCallback = async () => {
      await pause(retryEveryMilliseconds);
      return reconnect();
    };
    paced = true;
  }

  // The page says whether it is connected (html[data-connection]), for its styles and for tests that cut the network.
  const reconnectionHandler = {
    onConnectionDown: (...args) => {
      document.documentElement.dataset.connection = 'down';
      paceRetries(Blazor.defaultReconnectionHandler);
      return Blazor.defaultReconnectionHandler.onConnectionDown(...args);
    },
    onConnectionUp: () => {
      Blazor.defaultReconnectionHandler.onConnectionUp();
      sendFieldsAgain();
      document.documentElement.dataset.connection = 'up';
    },
  };

  Blazor.start({
    circuit: {
      initializers: { beforeStart: [], afterStarted: [] },
      reconnectionOptions: {
        maxRetries: Math.ceil(retryForMilliseconds / retryEveryMilliseconds),
        retryIntervalMilliseconds: (attempt, maxRetries) =>
          maxRetries && attempt >= maxRetries ? null : paced ? 0 : 1000,
      },
      reconnectionHandler,
    },
  });
})();
