import { onBeforeUnmount, onMounted, ref } from 'vue';

/**
 * The wall is laid out for 1920×1080 in rem (1 rem = 16 px there) and scaled as a whole by
 * the root font size, so 3840×2160 renders the same grid twice as large and still crisp
 * (a CSS transform would upscale a 1080p bitmap). Returns the scale for canvas drawing.
 */
export function useWallScale() {
  const scale = ref(1);
  const root = document.documentElement;
  let previous = '';
  const update = () => {
    const px = Math.min(window.innerWidth / 120, window.innerHeight / 67.5);
    root.style.fontSize = `${px}px`;
    scale.value = px / 16;
  };
  onMounted(() => {
    previous = root.style.fontSize;
    update();
    window.addEventListener('resize', update);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('resize', update);
    root.style.fontSize = previous;
  });
  return scale;
}
