# Debian package: `cpack -G DEB` in a build directory produces newsmon_<version>_<arch>.deb with
#   /usr/bin/newsmon                          (install(TARGETS newsmon) in the top-level CMakeLists)
#   /lib/systemd/system/newsmon.service
#   /etc/newsmon/newsmon.yaml, leaders.yaml, topics/*.yaml   (conffiles: local edits survive upgrades)
#   /usr/share/doc/newsmon/{ops.md,kafka.md}, and the consumer example
#   /usr/share/newsmon/proto/newsmon/v1/*.proto      (the event schema, for consumers and registries)
#   /usr/share/newsmon/{prometheus,grafana}/         (alerting rules, dashboard)
#   /usr/share/man/man1/newsmon.1.gz
# Included at the end of the top-level CMakeLists.txt. Check a package with deploy/check-package.sh.

set(NEWSMON_CONFIG_SOURCE ${PROJECT_SOURCE_DIR}/config)

# Absolute destinations: Debian wants units in /lib/systemd/system and config
# in /etc, outside the /usr install prefix.
install(FILES ${PROJECT_SOURCE_DIR}/deploy/newsmon.service DESTINATION /lib/systemd/system)
install(FILES ${NEWSMON_CONFIG_SOURCE}/newsmon.yaml ${NEWSMON_CONFIG_SOURCE}/leaders.yaml DESTINATION /etc/newsmon)
# Git does not keep empty folders: topics/ may be absent in a fresh clone.
if(IS_DIRECTORY ${NEWSMON_CONFIG_SOURCE}/topics)
  install(DIRECTORY ${NEWSMON_CONFIG_SOURCE}/topics/ DESTINATION /etc/newsmon/topics FILES_MATCHING PATTERN "*.yaml")
endif()
install(FILES ${PROJECT_SOURCE_DIR}/docs/ops.md DESTINATION share/doc/newsmon)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/kafka/README.md DESTINATION share/doc/newsmon RENAME kafka.md)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/docs/examples/consume_events.py DESTINATION share/doc/newsmon/examples)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/proto/newsmon DESTINATION share/newsmon/proto FILES_MATCHING PATTERN "*.proto")
install(FILES ${PROJECT_SOURCE_DIR}/deploy/prometheus/newsmon-alerts.yml DESTINATION share/newsmon/prometheus)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/grafana/newsmon-dashboard.json DESTINATION share/newsmon/grafana)
# Debian ships man pages compressed.
set(NEWSMON_MAN_PAGE ${PROJECT_BINARY_DIR}/newsmon.1.gz)
add_custom_command(OUTPUT ${NEWSMON_MAN_PAGE}
                   COMMAND gzip -9n -c ${PROJECT_SOURCE_DIR}/deploy/newsmon.1 > ${NEWSMON_MAN_PAGE}
                   DEPENDS ${PROJECT_SOURCE_DIR}/deploy/newsmon.1 VERBATIM)
add_custom_target(newsmon_man_page ALL DEPENDS ${NEWSMON_MAN_PAGE})
install(FILES ${NEWSMON_MAN_PAGE} DESTINATION share/man/man1)

# dpkg keeps an admin's edits to conffiles on upgrade; the list must name
# every file, so it is rebuilt from the tree at configure time.
file(GLOB NEWSMON_TOPIC_FILES CONFIGURE_DEPENDS RELATIVE ${NEWSMON_CONFIG_SOURCE}/topics
     ${NEWSMON_CONFIG_SOURCE}/topics/*.yaml)
set(NEWSMON_CONFFILES "/etc/newsmon/newsmon.yaml\n/etc/newsmon/leaders.yaml\n")
foreach(topic IN LISTS NEWSMON_TOPIC_FILES)
  string(APPEND NEWSMON_CONFFILES "/etc/newsmon/topics/${topic}\n")
endforeach()
set(NEWSMON_DEBIAN_CONTROL_DIR ${PROJECT_BINARY_DIR}/debian-control)
file(WRITE ${NEWSMON_DEBIAN_CONTROL_DIR}/conffiles "${NEWSMON_CONFFILES}")
foreach(script postinst prerm postrm)
  configure_file(${PROJECT_SOURCE_DIR}/deploy/debian/${script} ${NEWSMON_DEBIAN_CONTROL_DIR}/${script} COPYONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ
                                  WORLD_EXECUTE)
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME newsmon)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "newsmon")
set(CPACK_PACKAGE_CONTACT "newsmon maintainers <ops@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "streaming news-monitoring daemon publishing matched stories and quotes to Kafka")
set(CPACK_PACKAGE_DESCRIPTION
    "newsmon polls RSS, Atom and JSON feeds, extracts articles, matches them against topic rules,\n\
finds quotations of tracked leaders and publishes CloudEvents to Kafka. Runs as a hardened\n\
Type=notify systemd service with Prometheus metrics.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "newsmon maintainers <ops@example.org>")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/newsmon")
# Library dependencies from the binary's NEEDED entries (dpkg-shlibdeps).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${NEWSMON_DEBIAN_CONTROL_DIR}/conffiles ${NEWSMON_DEBIAN_CONTROL_DIR}/postinst ${NEWSMON_DEBIAN_CONTROL_DIR}/prerm
    ${NEWSMON_DEBIAN_CONTROL_DIR}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
