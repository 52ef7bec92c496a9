#include "storage/import/import_kinds.h"

namespace bd::storage::imp {

const KindEntry& kindEntry(ImportKind kind) {
    // In ImportKind's order.
    static constexpr const KindEntry* kEntries[kImportKindCount] = {
        &kSecuritiesKind, &kClientsKind,  &kTradesKind,
        &kAssetsKind,     &kContactsKind, &kPositionsKind};
    return *kEntries[static_cast<int>(kind)];
}

} // namespace bd::storage::imp
