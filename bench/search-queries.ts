// The fixed query mix of the search benches: lay words, typos, prefixes, codes.
export const BENCH_QUERIES = [
  'termal camera', 'thermal camera', 'night vision', 'infrared imager', 'lidar', 'laser radar',
  'publishing university research', 'fundamental research', 'open source software', 'drone',
  'unmanned aerial vehicle', 'AI chip', 'focal plane array', 'image intensifier', '6A003',
  '6A003.b.4', '3A001', '5A002', 'encryption softwre', 'spectrometer', 'radiation hardened',
  'inertial navigation', 'gravimeter', 'hydrophone', 'microbolometer', 'publicly available',
  'integrated circuit', 'cameras', 'camer', 'basic scientific research',
] as const;
