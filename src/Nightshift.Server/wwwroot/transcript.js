// Keeps a transcript scrolled to its end while the reader is there, and offers a way back when not.
// The list is virtualised: scrolling to the end makes Blazor render the last rows, which grows the
// content, which scrolls again — until the end is really on screen.
export function follow(list, latest) {
    let atEnd = true;
    const nearEnd = () => list.scrollHeight - list.scrollTop - list.clientHeight < 48;
    const toEnd = () => { list.scrollTop = list.scrollHeight; };
    const show = () => {
        list.dataset.following = atEnd ? "true" : "false";
        if (latest) { latest.hidden = atEnd; }
    };
    list.addEventListener("scroll", () => { atEnd = nearEnd(); show(); }, { passive: true });
    new MutationObserver(() => { if (atEnd) { toEnd(); } }).observe(list, { childList: true, subtree: true });
    if (latest) {
        latest.addEventListener("click", () => { atEnd = true; toEnd(); show(); });
    }
    toEnd();
    show();
}
