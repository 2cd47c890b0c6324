#ifndef MERIT_CYAML_SHIM_H
#define MERIT_CYAML_SHIM_H
// The system libyaml (pkg-config yaml-0.1, Debian libyaml-dev).
#include <yaml.h>
#endif
