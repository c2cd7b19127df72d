// Tiny inline SVG icons (no icon font: cheap phones lack many symbol glyphs).
const common = {
  width: 24,
  height: 24,
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round" as const,
  strokeLinejoin: "round" as const,
};

export function HomeIcon() {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <path d="M3 11 12 4l9 7" />
      <path d="M5 10v10h5v-6h4v6h5V10" />
    </svg>
  );
}

export function PhoneIcon() {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <rect x="6" y="2.5" width="12" height="19" rx="2.5" />
      <path d="M10.5 18h3" />
    </svg>
  );
}

export function AdminIcon() {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20c0-3.6 2.9-6 6.5-6 1.4 0 2.7.4 3.7 1" />
      <path d="M15 14h6M15 17.5h6M15 21h6" />
    </svg>
  );
}

export function BoardIcon() {
  return (
    <svg {...common} aria-hidden="true" focusable="false">
      <rect x="3.5" y="4" width="17" height="16" rx="2" />
      <path d="M7.5 9.5l2 2 3.5-4M7.5 15.5h9" />
    </svg>
  );
}
