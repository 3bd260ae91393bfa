// culori with only the colour spaces plotly.js's colour handling converts through (rgb, hsl, and
// linear rgb for the WCAG contrast), from its tree-shakeable entry point.
import { useMode, modeRgb, modeHsl, modeLrgb, converter, formatHex, formatRgb, wcagContrast, wcagLuminance } from 'culori/fn';
useMode(modeRgb);
useMode(modeLrgb);
useMode(modeHsl);
export { converter, formatHex, formatRgb, wcagContrast, wcagLuminance };
