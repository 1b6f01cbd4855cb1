import CRSVG
import Synchronization

/// Why a figure could not be rendered to PNG; names the figure and what librsvg or cairo said.
public struct PNGRenderingError: Error, CustomStringConvertible {
    /// The figure's name (the report's file base name, or the figure's title).
    public let figure: String
    public let reason: String

    public var description: String { "PNG of figure \"\(figure)\": \(reason)" }
}

/// Renders figures to PNG by drawing their SVG with librsvg and cairo (Debian's librsvg2-dev):
/// anti-aliased shapes, and text in a real font (the SVG asks for DejaVu Sans, found by fontconfig).
/// The PNG shows exactly what the SVG shows, because it is drawn from the same SVG text.
public struct PNGRenderer: Sendable {
    /// Pixels per SVG unit (2 gives a sharp image at the SVG's size on high-density screens).
    /// At most `maximumScale`: text much larger than that makes FreeType fail, and cairo then
    /// keeps the failed font for the rest of the process.
    public var scale: Double

    public static let maximumScale = 16.0

    public init(scale: Double = 2) {
        self.scale = max(scale, 0.25)
    }

    /// PNG bytes of the figure: its SVG (`SVGRenderer().render(figure)`) drawn at `scale`.
    public func render(_ figure: Figure) throws -> [UInt8] {
        try render(svg: SVGRenderer().render(figure), name: figure.title)
    }

    /// PNG bytes of an SVG document: an opaque RGB image, white behind the drawing, of the SVG's
    /// width and height times `scale` pixels. `name` identifies the figure in errors.
    public func render(svg: String, name: String) throws -> [UInt8] {
        // One figure at a time in the process: librsvg's handles and cairo's FreeType glyph
        // cache are not safe to use from several threads at once (concurrent
        // rsvg_handle_render_document calls can crash in cairo's glyph loading), and the
        // report renders its figures one after another anyway, so the lock costs nothing.
        try renderLock.withLock { _ in try draw(svg: svg, name: name) }
    }

    private func draw(svg: String, name: String) throws -> [UInt8] {
        func failure(_ reason: String) -> PNGRenderingError { PNGRenderingError(figure: name, reason: reason) }
        func cairoFailure(_ status: cairo_status_t, _ step: String) -> PNGRenderingError {
            failure("cairo failed \(step): \(String(cString: cairo_status_to_string(status)))")
        }

        guard scale <= Self.maximumScale else {
            throw failure("scale \(scale) is larger than the maximum \(Self.maximumScale)")
        }
        let bytes = Array(svg.utf8)
        var error: UnsafeMutablePointer<GError>?
        guard let handle = bytes.withUnsafeBufferPointer({ rsvg_handle_new_from_data($0.baseAddress, gsize($0.count), &error) }) else {
            throw failure("librsvg could not read the SVG: \(takeMessage(&error))")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }

        var width = 0.0, height = 0.0
        guard rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) != 0, width > 0, height > 0 else {
            throw failure("the SVG has no width and height in pixels")
        }
        let pixelWidth = Int((width * scale).rounded(.up)), pixelHeight = Int((height * scale).rounded(.up))
        // cairo's image surfaces hold at most 32767 pixels per side.
        guard pixelWidth <= 32767, pixelHeight <= 32767 else {
            throw failure("\(pixelWidth)x\(pixelHeight) pixels is larger than cairo's limit of 32767 per side; use a smaller scale")
        }

        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(pixelWidth), Int32(pixelHeight)) else {
            throw failure("cairo could not create a \(pixelWidth)x\(pixelHeight) image")
        }
        defer { cairo_surface_destroy(surface) }
        let surfaceStatus = cairo_surface_status(surface)
        guard surfaceStatus == CAIRO_STATUS_SUCCESS else { throw cairoFailure(surfaceStatus, "creating a \(pixelWidth)x\(pixelHeight) image") }
        guard let context = cairo_create(surface) else { throw failure("cairo could not create a drawing context") }
        defer { cairo_destroy(context) }

        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        // The document is scaled to fill the viewport (same aspect ratio), so one SVG unit is `scale` pixels.
        var viewport = RsvgRectangle(x: 0, y: 0, width: width * scale, height: height * scale)
        guard rsvg_handle_render_document(handle, context, &viewport, &error) != 0 else {
            throw failure("librsvg could not draw the SVG: \(takeMessage(&error))")
        }
        let drawStatus = cairo_status(context)
        guard drawStatus == CAIRO_STATUS_SUCCESS else { throw cairoFailure(drawStatus, "drawing") }
        cairo_surface_flush(surface)

        let sink = PNGSink()
        let writeStatus = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(
                surface,
                { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                    Unmanaged<PNGSink>.fromOpaque(closure).takeUnretainedValue().bytes
                        .append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                    return CAIRO_STATUS_SUCCESS
                }, Unmanaged.passUnretained(sink).toOpaque())
        }
        guard writeStatus == CAIRO_STATUS_SUCCESS else { throw cairoFailure(writeStatus, "writing the PNG") }
        return sink.bytes
    }
}

/// Serialises rendering (see `PNGRenderer.render(svg:name:)`).
private let renderLock = Mutex(())

/// Collects the PNG bytes cairo writes.
private final class PNGSink {
    var bytes: [UInt8] = []
}

/// A GError's message (freed and cleared), or a placeholder when the library gave none.
private func takeMessage(_ error: inout UnsafeMutablePointer<GError>?) -> String {
    guard let pointer = error else { return "no details given" }
    defer {
        g_error_free(pointer)
        error = nil
    }
    guard let message = pointer.pointee.message else { return "no details given" }
    return String(cString: message)
}
