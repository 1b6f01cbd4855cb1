// The HDF5 C library (Debian: libhdf5-dev; scripts/ensure-deps.sh installs it): reads and writes
// Keras 3 weight files (.weights.h5, and model.weights.h5 inside a .keras archive). Only IO's
// Keras/HDF5File.swift imports this module.
//
// No pkgConfig: Debian installs the serial HDF5 headers under /usr/include/hdf5/serial and the
// library as /usr/lib/x86_64-linux-gnu/libhdf5_serial.so (its own hdf5/serial/libhdf5.so is not
// on the default search path), so the header is found through <hdf5/serial/hdf5.h> (its own
// includes are quoted, found beside it) and the module links "hdf5_serial". Elsewhere, where
// hdf5.h sits on the default include path, the plain <hdf5.h> is used.
#if __has_include(<hdf5/serial/hdf5.h>)
#include <hdf5/serial/hdf5.h>
#else
#include <hdf5.h>
#endif

// HDF5's constants are macros that call H5open() and read a global (H5T_NATIVE_FLOAT,
// H5F_ACC_RDONLY, H5P_DEFAULT ...), which Swift cannot import: these functions return them.
static inline hid_t chdf5_default(void) { return H5P_DEFAULT; }
static inline hid_t chdf5_error_stack_default(void) { return H5E_DEFAULT; }
static inline unsigned chdf5_access_read_only(void) { return H5F_ACC_RDONLY; }
static inline unsigned chdf5_access_truncate(void) { return H5F_ACC_TRUNC; }
static inline hid_t chdf5_file_access_class(void) { return H5P_FILE_ACCESS; }
static inline hid_t chdf5_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t chdf5_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t chdf5_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t chdf5_c_string(void) { return H5T_C_S1; }
static inline size_t chdf5_variable_size(void) { return H5T_VARIABLE; }
static inline hid_t chdf5_all_selection(void) { return H5S_ALL; }
static inline hid_t chdf5_group_create_class(void) { return H5P_GROUP_CREATE; }
static inline hid_t chdf5_dataset_create_class(void) { return H5P_DATASET_CREATE; }
