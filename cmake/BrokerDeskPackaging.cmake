# Installing and packaging: `cmake --install` puts the workstation, the CLI, the desktop entry
# and the icon under CMAKE_INSTALL_PREFIX; `cpack -G DEB` (in the build directory) makes
# brokerdesk_<version>_<arch>.deb from the same rules. Included by the top-level CMakeLists when
# the workstation is built (a package needs both programs).
#
# Nothing else has to be installed: the Chinese catalogue is compiled into the workstation
# (ui/CMakeLists.txt, resource :/i18n), the exchange calendar into the engine (src/core), and
# the PDF reports ask fontconfig for Noto Sans CJK (reports/pdfcanvas.cpp), which the package
# depends on.
include(GNUInstallDirs)
# cpack (and `ninja install`) install what is built and build nothing: the package test runs
# cpack while other tests run, and must never relink a test program under them.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

install(TARGETS brokerdesk brokerdesk-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/resources/desktop/brokerdesk.desktop
  DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/desktop/brokerdesk.svg
  DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

set(CPACK_PACKAGE_NAME brokerdesk)
set(CPACK_PACKAGE_VENDOR "BrokerDesk")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "CRM workstation for securities brokers")
# One string; its lines become the package's long description as they are.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
  "BrokerDesk keeps a broker's client book (clients, trades, asset snapshots,\n"
  "positions and contact history) in one local SQLite file, finds the clients\n"
  "worth the most by profit, segments the book and turns it into a daily call\n"
  "list. The package holds the Qt workstation (brokerdesk, in English and\n"
  "Simplified Chinese) and the command line (brokerdesk-cli: import, analytics,\n"
  "plans, exports and PDF reports).")
set(CPACK_PACKAGE_CONTACT "BrokerDesk maintainers <maintainers@brokerdesk.invalid>")
set(CPACK_PACKAGE_INSTALL_DIRECTORY brokerdesk)
set(CPACK_GENERATOR DEB)
# A package is built with `cpack -G DEB`; no source tarball.
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

set(CPACK_DEBIAN_PACKAGE_SECTION office)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # brokerdesk_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://brokerdesk.invalid/")
# The shared libraries (Qt 6, SQLite, spdlog, fmt, libxlsxwriter, libstdc++) are found by
# dpkg-shlibdeps (dpkg-dev) from the binaries. What it cannot see is named here: the CJK font the
# reports and the Chinese interface draw with (fontconfig finds it at run time).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-cjk")
# Qt's own strings (file dialogs, message box buttons) in Chinese: loaded when present.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")

include(CPack)
