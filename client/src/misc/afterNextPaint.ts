/**
 * Runs `callback` after the page's next paint: a frame's callbacks run before it, a task queued from
 * one after it. A hidden tab paints nothing (and runs no frame callbacks): there it runs at once.
 */
export const afterNextPaint = (callback: () => void) => {
    if (document.visibilityState === 'hidden') callback();
    else requestAnimationFrame(() => setTimeout(callback, 0));
};
