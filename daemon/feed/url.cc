#include "feed/url.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace newsmon::feed {
namespace {

struct Parts {
  std::string_view scheme;  // without ':'
  bool has_authority = false;
  std::string_view authority;
  std::string_view path;
  bool has_query = false;
  std::string_view query;
  bool has_fragment = false;
  std::string_view fragment;
};

Parts Split(std::string_view u) {
  Parts p;
  size_t i = 0;
  while (i < u.size() && (std::isalnum(static_cast<unsigned char>(u[i])) || u[i] == '+' || u[i] == '-' || u[i] == '.'))
    ++i;
  if (i > 0 && i < u.size() && u[i] == ':' && std::isalpha(static_cast<unsigned char>(u[0]))) {
    p.scheme = u.substr(0, i);
    u.remove_prefix(i + 1);
  }
  if (const size_t h = u.find('#'); h != std::string_view::npos) {
    p.has_fragment = true;
    p.fragment = u.substr(h + 1);
    u = u.substr(0, h);
  }
  if (const size_t q = u.find('?'); q != std::string_view::npos) {
    p.has_query = true;
    p.query = u.substr(q + 1);
    u = u.substr(0, q);
  }
  if (u.starts_with("//")) {
    p.has_authority = true;
    u.remove_prefix(2);
    const size_t s = u.find('/');
    p.authority = u.substr(0, s);
    u = s == std::string_view::npos ? std::string_view() : u.substr(s);
  }
  p.path = u;
  return p;
}

std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> out;
  const bool absolute = path.starts_with('/');
  size_t i = absolute ? 1 : 0;
  bool trailing = false;
  while (i <= path.size()) {
    size_t e = path.find('/', i);
    if (e == std::string_view::npos) e = path.size();
    const std::string_view seg = path.substr(i, e - i);
    trailing = false;
    if (seg == "..") {
      if (!out.empty()) out.pop_back();
      trailing = true;
    } else if (seg == ".") {
      trailing = true;
    } else {
      out.push_back(seg);
    }
    i = e + 1;
  }
  std::string r = absolute ? "/" : "";
  for (size_t k = 0; k < out.size(); ++k) {
    if (k) r += '/';
    r += out[k];
  }
  if (trailing && !r.empty() && r.back() != '/') r += '/';
  return r;
}

std::string Join(const Parts& p, const std::string& path) {
  std::string r;
  if (!p.scheme.empty()) {
    r += p.scheme;
    r += ':';
  }
  if (p.has_authority) {
    r += "//";
    r += p.authority;
  }
  r += path;
  if (p.has_query) {
    r += '?';
    r += p.query;
  }
  if (p.has_fragment) {
    r += '#';
    r += p.fragment;
  }
  return r;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

bool IsAbsoluteUrl(std::string_view url) { return !Split(Trim(url)).scheme.empty(); }

std::string ResolveUrl(std::string_view base_in, std::string_view ref_in) {
  const std::string_view ref = Trim(ref_in);
  const std::string_view base = Trim(base_in);
  const Parts r = Split(ref);
  if (!r.scheme.empty()) return std::string(ref);
  const Parts b = Split(base);
  if (b.scheme.empty()) return std::string(ref);
  Parts t;
  t.scheme = b.scheme;
  std::string path;
  if (r.has_authority) {
    t.has_authority = true;
    t.authority = r.authority;
    path = RemoveDotSegments(r.path);
    t.has_query = r.has_query;
    t.query = r.query;
  } else {
    t.has_authority = b.has_authority;
    t.authority = b.authority;
    if (r.path.empty()) {
      path = std::string(b.path);
      t.has_query = r.has_query || b.has_query;
      t.query = r.has_query ? r.query : b.query;
    } else {
      if (r.path.starts_with('/')) {
        path = RemoveDotSegments(r.path);
      } else {
        std::string merged;
        if (b.has_authority && b.path.empty()) {
          merged = "/" + std::string(r.path);
        } else {
          const size_t slash = b.path.rfind('/');
          merged =
              std::string(slash == std::string_view::npos ? "" : b.path.substr(0, slash + 1)) + std::string(r.path);
        }
        path = RemoveDotSegments(merged);
      }
      t.has_query = r.has_query;
      t.query = r.query;
    }
  }
  t.has_fragment = r.has_fragment;
  t.fragment = r.fragment;
  if (t.has_authority && path.empty() && (t.has_query || t.has_fragment)) path = "/";
  return Join(t, path);
}

std::string IdentityUrl(std::string_view url_in) {
  const std::string_view url = Trim(url_in);
  Parts p = Split(url);
  if (p.scheme.empty() || !p.has_authority) return std::string(url);
  std::string scheme(p.scheme);
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  // http and https name the same article.
  if (scheme == "https") scheme = "http";
  std::string host(
      p.authority.substr(p.authority.rfind('@') == std::string_view::npos ? 0 : p.authority.rfind('@') + 1));
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  if (host.ends_with(":80") || host.ends_with(":443")) host = host.substr(0, host.rfind(':'));
  if (host.starts_with("www.")) host = host.substr(4);
  std::string path(p.path);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path == "/") path.clear();
  std::vector<std::string_view> kept;
  std::string_view q = p.query;
  while (p.has_query) {
    const size_t amp = q.find('&');
    const std::string_view param = q.substr(0, amp);
    const std::string_view key = param.substr(0, param.find('='));
    const bool tracking = key.starts_with("utm_") || key == "fbclid" || key == "gclid" || key == "mc_cid" ||
                          key == "mc_eid" || key == "ref" || key == "cmpid" || key == "ncid" || key == "ocid" ||
                          key == "at_medium" || key == "at_campaign" || key == "rss" || key == "from" || key.empty();
    if (!tracking) kept.push_back(param);
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  std::sort(kept.begin(), kept.end());
  std::string r = scheme + "://" + host + path;
  for (size_t k = 0; k < kept.size(); ++k) {
    r += k ? '&' : '?';
    r += kept[k];
  }
  return r;
}

}  // namespace newsmon::feed
