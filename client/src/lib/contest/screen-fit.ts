// A Svelte action that shrinks a block's font until its text fits the box it is given (the
// projector cannot scroll), never below a floor. Sizes are in projector units: 1 u is 1/100 of
// the largest 16:9 area in the window, the same unit as the stage's CSS --u.
export interface FitOptions {
  /** Anything that changes the content, so the action refits when it changes. */
  text: string;
  maxU: number;
  /** Floor in px: the hall must still read it. */
  minPx: number;
}

function unit(): number {
  return Math.min(window.innerWidth / 100, (window.innerHeight * 16) / 900);
}

export function fitText(node: HTMLElement, options: FitOptions) {
  let current = options;
  const fit = () => {
    let size = Math.max(current.minPx, current.maxU * unit());
    node.style.fontSize = `${size}px`;
    // 1 px steps: at most a few dozen layouts, once per reveal or resize.
    while (node.scrollHeight > node.clientHeight + 1 && size > current.minPx) {
      size -= 1;
      node.style.fontSize = `${size}px`;
    }
  };
  const observer = new ResizeObserver(fit);
  observer.observe(node);
  fit();
  return {
    update(next: FitOptions) {
      current = next;
      fit();
    },
    destroy() {
      observer.disconnect();
    },
  };
}
