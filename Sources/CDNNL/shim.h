// oneDNN C API 2.x (Debian: libdnnl-dev). Only the Backend module imports this.
#include <oneapi/dnnl/dnnl.h>
// OpenMP runtime used by Debian's oneDNN build; declared here to set the thread count.
extern void omp_set_num_threads(int);
extern int omp_get_max_threads(void);
