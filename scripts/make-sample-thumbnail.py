"""Makes public/models/samples/samoyed-32.ppm, the small input of chapter 1's widget, from the
bundled photo: a square crop around the dog, downscaled with Lanczos to 32x32, saved as a binary
PPM (P6). PPM, not PNG, because the page decodes it with a few lines of src/math (decodePpm) into
exactly the same bytes in every browser; canvas decoding of a PNG may be colour-managed or, with
anti-fingerprinting settings, noised, and a shared link must reopen the same numbers.

Needs Pillow (Debian: apt-get install python3-pil). Run from the repository root:
    /usr/bin/python3 scripts/make-sample-thumbnail.py
"""
from PIL import Image

SOURCE = 'public/models/samples/samoyed.jpg'
TARGET = 'public/models/samples/samoyed-32.ppm'
# The dog, nose to tail, in the 1546x1213 photo: a square 1210 px on a side.
CROP = (150, 0, 1360, 1210)
SIZE = 32

image = Image.open(SOURCE).convert('RGB').crop(CROP).resize((SIZE, SIZE), Image.LANCZOS)
with open(TARGET, 'wb') as f:
    f.write(f'P6\n# {SOURCE} cropped to {CROP}, Lanczos to {SIZE}x{SIZE}\n{SIZE} {SIZE}\n255\n'.encode('ascii'))
    f.write(image.tobytes())
print(f'wrote {TARGET}')
