// The analytics layer: Eigen only, plain data in and out (never a database handle).
namespace bd::analytics {
int layerVersion() {
    return 1;
}
} // namespace bd::analytics
