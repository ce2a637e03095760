// Vectorscan (Hyperscan's portable fork): SIMD multi-literal matching for the secret
// engine's keyword pass. Debian: libvectorscan-dev, installed by scripts/setup.sh.
#include <hs/hs.h>
