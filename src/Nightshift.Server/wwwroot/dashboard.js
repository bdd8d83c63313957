// The dashboard's few browser-side helpers. Everything else runs on the server over Blazor's circuit.
window.nightshift = {
    // Marks the page interactive (the circuit is up): tests and scripts wait for it.
    interactive: function () { window.__nsInteractive = true; },

    // The review page's keys. Ignored while typing in a text box, where Esc leaves the box and
    // Ctrl+Enter presses the button the box names in data-submit. Returns a handle to remove it.
    reviewKeys: function (page) {
        const keys = ['j', 'k', 'n', 'a', 'r', 's', 'u', '?', 'Escape'];
        const typing = t => t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
        const handler = e => {
            if (typing(e.target)) {
                if (e.key === 'Escape') {
                    e.target.blur();
                } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target.dataset.submit) {
                    const button = document.querySelector(`[data-testid="${e.target.dataset.submit}"]`);
                    if (button && !button.disabled) {
                        e.preventDefault();
                        button.click();
                    }
                }
                return;
            }
            if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || !keys.includes(e.key)) {
                return;
            }
            e.preventDefault();
            if (e.key === 'r') {
                const box = document.querySelector('[data-testid="changes-message"]');
                if (box) {
                    box.focus();
                    box.scrollIntoView({ block: 'center' });
                }
            }
            page.invokeMethodAsync('OnShortcut', e.key);
        };
        document.addEventListener('keydown', handler);
        // Marks the page as listening: tests (and scripts) wait for it before pressing keys.
        document.documentElement.dataset.nsReviewKeys = 'on';
        return {
            dispose: () => {
                document.removeEventListener('keydown', handler);
                delete document.documentElement.dataset.nsReviewKeys;
            },
        };
    },

    scrollToId: function (id) {
        const element = document.getElementById(id);
        if (element) {
            element.scrollIntoView({ block: 'start' });
        }
    },
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
