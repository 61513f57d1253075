/**
 * Round half to even ("banker's rounding"): halves go to the even neighbour, everything else to
 * the nearest integer. Python's round(), torchvision's CenterCrop and PyTorch's quantizers
 * (torch.round, std::nearbyint in the default mode) all round this way, so ties do not drift
 * upward on average.
 */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}
