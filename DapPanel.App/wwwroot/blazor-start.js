// Starts Blazor; App.razor loads its script with autostart="false". DapPanel and its packages have no JavaScript
// initializers (PageAssetsTests holds it), so saying so here spares every page load the request that asks the server
// for them before the circuit can start.
Blazor.start({ circuit: { initializers: { beforeStart: [], afterStarted: [] } } });
