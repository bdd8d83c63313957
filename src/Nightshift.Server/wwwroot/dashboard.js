// The dashboard's few browser-side helpers. Everything else runs on the server over Blazor's circuit.
window.nightshift = {
    // Marks the page interactive (the circuit is up): tests and scripts wait for it.
    interactive: function () { window.__nsInteractive = true; },
};
