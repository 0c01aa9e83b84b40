import CMicroHTTPD

/// Parses one form body (`multipart/form-data` or `application/x-www-form-urlencoded`) with
/// libmicrohttpd's post processor as its chunks arrive, and collects the fields.
///
/// Owned by the request's `PendingRequest` and used by one thread at a time. The post processor
/// is created with the collector, on the request's first call, and destroyed exactly once:
/// by `finish()` when the whole body has arrived (destroying it is what flushes the last
/// urlencoded value and reveals a body cut short), or by `discard()` from the request-completed
/// callback when the request ends any other way.
final class FormCollector {
    /// The post processor's internal buffer: it must hold a part's header line or a field name.
    private static let bufferSize = 16 * 1024

    private var processor: OpaquePointer?
    private var fields: [FormField] = []
    private let isMultipart: Bool
    /// Why the body is refused, once it is; later chunks are then dropped.
    private(set) var failure: String?

    init(connection: MHDConnection, isMultipart: Bool) {
        self.isMultipart = isMultipart
        processor = connection.makePostProcessor(
            bufferSize: Self.bufferSize,
            iterator: formFieldIterator,
            context: Unmanaged.passUnretained(self).toOpaque()
        )
        if processor == nil {
            failure =
                isMultipart
                ? "the multipart/form-data Content-Type has no usable boundary parameter"
                : "libmicrohttpd could not start parsing it"
        }
    }

    /// Parses one chunk of body, calling back `receive` for each piece of value it completes.
    func feed(_ chunk: UnsafeRawBufferPointer) {
        guard failure == nil, let processor, let base = chunk.baseAddress, !chunk.isEmpty else { return }
        if MHD_post_process(processor, base.assumingMemoryBound(to: CChar.self), chunk.count) == .NO, failure == nil {
            failure =
                isMultipart
                ? "the multipart body does not follow the structure its boundary announces"
                : "the urlencoded body is malformed (an empty name, '==', or a name too long)"
        }
    }

    /// Destroys the post processor and returns the fields, or why the body is refused.
    func finish() throws(HTTPError) -> FormData {
        let completed = processor.map { MHD_destroy_post_processor($0) == .YES } ?? false
        processor = nil
        if let failure {
            throw .malformedForm(reason: failure)
        }
        guard completed else {
            throw .malformedForm(
                reason: isMultipart
                    ? "the multipart body ends before its closing boundary" : "the urlencoded body ends mid-value"
            )
        }
        if isMultipart && fields.isEmpty {
            throw .malformedForm(reason: "the multipart body holds no part delimited by its boundary")
        }
        return FormData(fields: fields)
    }

    /// Destroys the post processor if `finish()` has not.
    func discard() {
        guard let processor else { return }
        _ = MHD_destroy_post_processor(processor)
        self.processor = nil
    }

    /// One piece of a field's value; returns false to stop the parse.
    ///
    /// A value may arrive in several pieces: each later piece either has an offset equal to the
    /// bytes received so far, or (after an empty first piece) an offset of 0 again, with the same
    /// name. So an empty field directly followed by a field of the same name, file name and type
    /// reads as one field; no form Keyward reads repeats a name.
    func receive(
        name: String?,
        fileName: String?,
        contentType: String?,
        piece: UnsafeRawBufferPointer,
        offset: UInt64
    ) -> Bool {
        guard let name else {
            failure = "a part has no name in its Content-Disposition header"
            return false
        }
        if let last = fields.indices.last, fields[last].name == name {
            let continues =
                offset > 0
                ? UInt64(fields[last].data.count) == offset
                : fields[last].data.isEmpty && fields[last].fileName == fileName
                    && fields[last].contentType == contentType
            if continues {
                fields[last].data.append(contentsOf: piece)
                return true
            }
        }
        guard offset == 0 else {
            failure = "a value arrived out of order"
            return false
        }
        fields.append(FormField(name: name, fileName: fileName, contentType: contentType, data: Array(piece)))
        return true
    }
}

/// libmicrohttpd's post-data iterator; `context` is the `FormCollector`, unretained (its
/// `PendingRequest` keeps it alive while the post processor exists).
private let formFieldIterator: MHD_PostDataIterator = {
    context,
    _,
    key,
    fileName,
    contentType,
    _,
    data,
    offset,
    size in
    guard let context else { return .NO }
    let collector = Unmanaged<FormCollector>.fromOpaque(context).takeUnretainedValue()
    let accepted = collector.receive(
        name: key.map { String(cString: $0) },
        fileName: fileName.map { String(cString: $0) },
        contentType: contentType.map { String(cString: $0) },
        piece: UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size),
        offset: offset
    )
    return accepted ? .YES : .NO
}
