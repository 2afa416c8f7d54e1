// framer-make-samples OUTDIR: (re)writes the sample projects of samples/ (see samples/README.md).
#include <exception>
#include <iostream>

#include "samples.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: framer-make-samples OUTDIR\n";
        return 2;
    }
    try {
        for (const auto& path : framer::samples::write_samples(argv[1])) std::cout << path.string() << "\n";
    } catch (const std::exception& e) {
        std::cerr << "framer-make-samples: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
