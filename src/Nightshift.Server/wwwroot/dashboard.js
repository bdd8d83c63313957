// The dashboard's few browser-side helpers. Everything else runs on the server over Blazor's circuit.
window.nightshift = {
    // Marks the page interactive (the circuit is up): tests and scripts wait for it.
    interactive: function () { window.__nsInteractive = true; },
};

// Keyboard: "g i" goes to the inbox, "g b" to the board (not while typing in a field).
(function () {
    var pending = 0;
    document.addEventListener('keydown', function (e) {
        var t = e.target;
        if (e.ctrlKey || e.metaKey || e.altKey || (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) {
            return;
        }
        if (e.key === 'g') {
            pending = Date.now();
            return;
        }
        var to = { i: '/', b: '/board' }[e.key];
        if (to && Date.now() - pending < 1500 && window.Blazor) {
            pending = 0;
            window.Blazor.navigateTo(to);
        }
    });
})();
