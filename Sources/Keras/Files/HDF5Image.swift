import Diagnostics
import CHDF5
import Foundation
import Synchronization

/// The few HDF5 operations Keras weight files need, on whole files held in memory (HDF5's core
/// driver with a file image): list a group, read a float dataset, and build a file of groups,
/// float32 datasets and string attributes. Only this file calls the HDF5 C library.
enum HDF5Image {
    /// The 8-byte signature HDF5 puts at the start of its superblock (offset 0, 512, 1024, ...).
    static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

    /// True when `data` has the HDF5 signature at one of the offsets a superblock may start at.
    static func hasSignature(_ data: Data) -> Bool {
        var offset = 0
        while offset + 8 <= data.count {
            if data[data.startIndex + offset..<data.startIndex + offset + 8].elementsEqual(signature) { return true }
            offset = offset == 0 ? 512 : offset * 2
        }
        return false
    }

    /// Serialises every use of the library: Debian's build is thread-safe, others need not be.
    static let lock = Mutex(())

    /// Stops HDF5 printing its error stack to stderr (errors are reported as FileError).
    private static let quiet: Void = { _ = H5Eset_auto2(chdf5_error_stack_default(), nil, nil) }()

    /// One object in a group.
    enum ChildKind { case group, dataset, other }

    /// A read-only HDF5 file opened from its bytes.
    final class Reader {
        private let file: hid_t
        /// Keeps the image alive while HDF5 reads it (the core driver may use the buffer in place).
        private let image: UnsafeMutableRawBufferPointer

        /// Opens `data`; nil when HDF5 cannot open it (not HDF5, truncated or damaged).
        init?(_ data: Data) {
            _ = HDF5Image.quiet
            image = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 16)
            data.copyBytes(to: image)
            let fapl = H5Pcreate(chdf5_file_access_class())
            defer { H5Pclose(fapl) }
            guard fapl >= 0, H5Pset_fapl_core(fapl, 1 << 16, false) >= 0,
                H5Pset_file_image(fapl, image.baseAddress, data.count) >= 0
            else { image.deallocate(); return nil }
            let id = H5Fopen("image.h5", chdf5_access_read_only(), fapl)
            guard id >= 0 else { image.deallocate(); return nil }
            file = id
        }

        deinit {
            H5Fclose(file)
            image.deallocate()
        }

        /// The names and kinds of the objects in the group at `path` ("/" for the root), in name order;
        /// nil when there is no such group.
        func children(of path: String) -> [(name: String, kind: ChildKind)]? {
            let group = H5Gopen2(file, path, chdf5_default())
            guard group >= 0 else { return nil }
            defer { H5Gclose(group) }
            var info = H5G_info_t()
            guard H5Gget_info(group, &info) >= 0 else { return nil }
            var result: [(String, ChildKind)] = []
            for index in 0..<info.nlinks {
                let length = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, chdf5_default())
                guard length >= 0 else { return nil }
                var buffer = [CChar](repeating: 0, count: length + 1)
                guard H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, length + 1, chdf5_default()) >= 0 else { return nil }
                let name = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                let object = H5Oopen(group, name, chdf5_default())
                var kind = ChildKind.other
                if object >= 0 {
                    switch H5Iget_type(object) {
                    case H5I_GROUP: kind = .group
                    case H5I_DATASET: kind = .dataset
                    default: kind = .other
                    }
                    H5Oclose(object)
                }
                result.append((name, kind))
            }
            return result
        }

        /// The string attribute `name` of the object at `path` (variable- or fixed-length), if any.
        func stringAttribute(of path: String, name: String) -> String? {
            guard H5Aexists_by_name(file, path, name, chdf5_default()) > 0 else { return nil }
            let attribute = H5Aopen_by_name(file, path, name, chdf5_default(), chdf5_default())
            guard attribute >= 0 else { return nil }
            defer { H5Aclose(attribute) }
            let type = H5Aget_type(attribute)
            defer { H5Tclose(type) }
            guard H5Tget_class(type) == H5T_STRING else { return nil }
            if H5Tis_variable_str(type) > 0 {
                let memory = H5Tcopy(chdf5_c_string())
                defer { H5Tclose(memory) }
                H5Tset_size(memory, chdf5_variable_size())
                H5Tset_cset(memory, H5Tget_cset(type))
                var pointer: UnsafeMutablePointer<CChar>?
                guard H5Aread(attribute, memory, &pointer) >= 0, let pointer else { return nil }
                defer { H5free_memory(pointer) }
                return String(cString: pointer)
            }
            let size = H5Tget_size(type)
            guard size > 0, size < 1 << 20 else { return nil }
            var buffer = [UInt8](repeating: 0, count: size + 1)
            guard H5Aread(attribute, type, &buffer) >= 0 else { return nil }
            return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
        }

        /// A dataset's shape and values (as float32).
        struct Dataset {
            var shape: [Int]
            var values: [Float]
        }

        /// Reads the floating-point dataset at `path`; throws a description of the problem.
        func dataset(_ path: String) throws -> Dataset {
            let set = H5Dopen2(file, path, chdf5_default())
            guard set >= 0 else { throw DatasetProblem.unreadable("HDF5 cannot open the dataset") }
            defer { H5Dclose(set) }
            let type = H5Dget_type(set)
            defer { H5Tclose(type) }
            let typeClass = H5Tget_class(type)
            guard typeClass == H5T_FLOAT else {
                throw DatasetProblem.notFloat(typeClass == H5T_INTEGER ? "integers" : typeClass == H5T_STRING ? "strings" : "a non-numeric type")
            }
            let space = H5Dget_space(set)
            defer { H5Sclose(space) }
            let rank = H5Sget_simple_extent_ndims(space)
            guard rank >= 0 else { throw DatasetProblem.unreadable("HDF5 cannot read the dataset's shape") }
            var dims = [hsize_t](repeating: 0, count: Int(rank))
            if rank > 0 {
                guard H5Sget_simple_extent_dims(space, &dims, nil) >= 0 else { throw DatasetProblem.unreadable("HDF5 cannot read the dataset's shape") }
            }
            let shape = dims.map { Int($0) }
            let count = shape.reduce(1, *)
            var values = [Float](repeating: 0, count: count)
            if count > 0 {
                let status = values.withUnsafeMutableBytes {
                    H5Dread(set, chdf5_native_float(), chdf5_all_selection(), chdf5_all_selection(), chdf5_default(), $0.baseAddress)
                }
                guard status >= 0 else { throw DatasetProblem.unreadable("HDF5 cannot read the dataset's values (the file is damaged or truncated)") }
            }
            return Dataset(shape: shape, values: values)
        }
    }

    /// Why a dataset could not be read.
    enum DatasetProblem: Error {
        case unreadable(String)
        case notFloat(String)
    }

    /// Builds an HDF5 file in memory: groups (created with their parents), float32 little-endian
    /// datasets and UTF-8 string attributes; no modification times, so equal content gives equal bytes.
    final class Writer {
        private let file: hid_t
        private let groupProperties: hid_t
        private let datasetProperties: hid_t
        private var groups: [String: hid_t] = [:]

        init() throws {
            _ = HDF5Image.quiet
            let fapl = H5Pcreate(chdf5_file_access_class())
            defer { H5Pclose(fapl) }
            guard fapl >= 0, H5Pset_fapl_core(fapl, 1 << 16, false) >= 0 else { throw HDF5WriteProblem(message: "HDF5 cannot set up an in-memory file") }
            let id = H5Fcreate("image.h5", chdf5_access_truncate(), chdf5_default(), fapl)
            guard id >= 0 else { throw HDF5WriteProblem(message: "HDF5 cannot create an in-memory file") }
            file = id
            groupProperties = H5Pcreate(chdf5_group_create_class())
            datasetProperties = H5Pcreate(chdf5_dataset_create_class())
            H5Pset_obj_track_times(groupProperties, false)
            H5Pset_obj_track_times(datasetProperties, false)
        }

        deinit {
            for id in groups.values { H5Gclose(id) }
            H5Pclose(groupProperties)
            H5Pclose(datasetProperties)
            H5Fclose(file)
        }

        /// The group at `path` ("a/b/c"), created with its parents when missing.
        @discardableResult
        func group(_ path: String) throws -> hid_t {
            if path.isEmpty { return file }
            if let id = groups[path] { return id }
            let parts = path.split(separator: "/")
            let parent = try group(parts.dropLast().joined(separator: "/"))
            let id = H5Gcreate2(parent, String(parts.last!), chdf5_default(), groupProperties, chdf5_default())
            guard id >= 0 else { throw HDF5WriteProblem(message: "HDF5 cannot create the group '\(path)'") }
            groups[path] = id
            return id
        }

        /// Writes `values` with `shape` as a float32 dataset `name` in the group `path`.
        func dataset(in path: String, name: String, shape: [Int], values: [Float]) throws {
            let parent = try group(path)
            var dims = shape.map { hsize_t($0) }
            let space = shape.isEmpty ? H5Screate(H5S_SCALAR) : H5Screate_simple(Int32(shape.count), &dims, nil)
            defer { H5Sclose(space) }
            let set = H5Dcreate2(parent, name, chdf5_ieee_f32le(), space, chdf5_default(), datasetProperties, chdf5_default())
            guard set >= 0 else { throw HDF5WriteProblem(message: "HDF5 cannot create the dataset '\(path)/\(name)'") }
            defer { H5Dclose(set) }
            if values.isEmpty { return }
            let status = values.withUnsafeBytes {
                H5Dwrite(set, chdf5_native_float(), chdf5_all_selection(), chdf5_all_selection(), chdf5_default(), $0.baseAddress)
            }
            guard status >= 0 else { throw HDF5WriteProblem(message: "HDF5 cannot write the dataset '\(path)/\(name)'") }
        }

        /// Sets the variable-length UTF-8 string attribute `name` of the group at `path` (as h5py writes a `str`).
        func stringAttribute(of path: String, name: String, value: String) throws {
            let parent = try group(path)
            let type = H5Tcopy(chdf5_c_string())
            defer { H5Tclose(type) }
            H5Tset_size(type, chdf5_variable_size())
            H5Tset_cset(type, H5T_CSET_UTF8)
            let space = H5Screate(H5S_SCALAR)
            defer { H5Sclose(space) }
            let attribute = H5Acreate2(parent, name, type, space, chdf5_default(), chdf5_default())
            guard attribute >= 0 else { throw HDF5WriteProblem(message: "HDF5 cannot create the attribute '\(name)' of '\(path)'") }
            defer { H5Aclose(attribute) }
            let status = value.withCString { text -> herr_t in
                var pointer: UnsafePointer<CChar>? = text
                return H5Awrite(attribute, type, &pointer)
            }
            guard status >= 0 else { throw HDF5WriteProblem(message: "HDF5 cannot write the attribute '\(name)' of '\(path)'") }
        }

        /// The finished file's bytes.
        func bytes() throws -> Data {
            guard H5Fflush(file, H5F_SCOPE_GLOBAL) >= 0 else { throw HDF5WriteProblem(message: "HDF5 cannot flush the in-memory file") }
            let size = H5Fget_file_image(file, nil, 0)
            guard size > 0 else { throw HDF5WriteProblem(message: "HDF5 cannot size the in-memory file") }
            var data = Data(count: size)
            let copied = data.withUnsafeMutableBytes { H5Fget_file_image(file, $0.baseAddress, size) }
            guard copied == size else { throw HDF5WriteProblem(message: "HDF5 cannot copy the in-memory file") }
            return data
        }
    }

    /// Why HDF5 could not build a file.
    struct HDF5WriteProblem: Error {
        let message: String
    }
}
