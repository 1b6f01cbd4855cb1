// librsvg 2.x with cairo (Debian: librsvg2-dev, which brings libcairo2-dev and GLib): renders
// each figure's SVG to PNG. Only Plot's PNGRenderer imports this; text needs a font that
// fontconfig finds (Debian: fonts-dejavu-core).
//
// The few librsvg and GLib functions used are declared here (their C ABI, as in librsvg 2.54's
// rsvg.h and GLib's gerror.h) instead of including <librsvg/rsvg.h>: that header needs GLib's
// include paths, which only pkg-config gives, and SwiftPM then warns on every build about the
// "-pthread" in GLib's flags ("prohibited flag(s)"). cairo's own header needs no extra path.
#include <cairo/cairo.h>
#include <stddef.h>
#include <stdint.h>

typedef int gboolean;
typedef size_t gsize;
typedef uint8_t guint8;
typedef double gdouble;
typedef uint32_t GQuark;

/// GLib's error record (gerror.h).
typedef struct _GError {
    GQuark domain;
    int code;
    char *message;
} GError;

void g_error_free(GError *error);
void g_object_unref(void *object);

/// librsvg's opaque handle and its viewport rectangle (rsvg.h).
typedef struct _RsvgHandle RsvgHandle;
typedef struct {
    double x;
    double y;
    double width;
    double height;
} RsvgRectangle;

RsvgHandle *rsvg_handle_new_from_data(const guint8 *data, gsize data_len, GError **error);
gboolean rsvg_handle_get_intrinsic_size_in_pixels(RsvgHandle *handle, gdouble *out_width, gdouble *out_height);
gboolean rsvg_handle_render_document(RsvgHandle *handle, cairo_t *cr, const RsvgRectangle *viewport, GError **error);
