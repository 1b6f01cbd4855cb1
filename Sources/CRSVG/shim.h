// librsvg 2.x with cairo (Debian: librsvg2-dev, which brings libcairo2-dev and GLib): renders
// each figure's SVG to PNG. Only Plot's PNGRenderer imports this; text needs a font that
// fontconfig finds (Debian: fonts-dejavu-core).
#include <librsvg/rsvg.h>
#include <cairo.h>
