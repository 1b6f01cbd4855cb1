// zlib (Debian: zlib1g-dev): deflate for .npz and PNG.
#include <zlib.h>
