// The menu sits beside the page from this width up (app.css uses the same breakpoint) and over it below.
window.dapPanelMenu = {
  isWideScreen: () => matchMedia('(min-width: 960px)').matches,
};
