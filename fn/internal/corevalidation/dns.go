package corevalidation

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The resolver's limits the API server enforces.
const (
	maxNameservers   = 3
	maxSearches      = 32
	maxSearchesChars = 2048
)

// HostAliases checks each alias: an IP address and DNS hostnames.
func HostAliases(aliases []corev1.HostAlias, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, a := range aliases {
		ap := p.Index(i)
		errs = append(errs, ip(a.IP, ap.Child("ip"))...)
		for j, h := range a.Hostnames {
			errs = append(errs, invalid(ap.Child("hostnames").Index(j), h, validation.IsDNS1123Subdomain(h))...)
		}
	}
	return errs
}

// DNSConfig checks the pod's resolver settings; policy None needs at least
// one nameserver.
func DNSConfig(c *corev1.PodDNSConfig, policy corev1.DNSPolicy, p *field.Path) field.ErrorList {
	if policy == corev1.DNSNone && (c == nil || len(c.Nameservers) == 0) {
		return field.ErrorList{field.Required(p.Child("nameservers"), "at least one nameserver when dnsPolicy is None")}
	}
	if c == nil {
		return nil
	}
	var errs field.ErrorList
	if len(c.Nameservers) > maxNameservers {
		errs = append(errs, field.TooMany(p.Child("nameservers"), len(c.Nameservers), maxNameservers))
	}
	for i, ns := range c.Nameservers {
		errs = append(errs, ip(ns, p.Child("nameservers").Index(i))...)
	}
	if len(c.Searches) > maxSearches {
		errs = append(errs, field.TooMany(p.Child("searches"), len(c.Searches), maxSearches))
	}
	if n := len(strings.Join(c.Searches, " ")); n > maxSearchesChars {
		errs = append(errs, field.Invalid(p.Child("searches"), n, "must be at most 2048 characters, spaces included"))
	}
	for i, s := range c.Searches {
		if s != "." {
			// Search domains may hold underscores (SRV names).
			name := strings.ReplaceAll(strings.TrimSuffix(s, "."), "_", "a")
			errs = append(errs, invalid(p.Child("searches").Index(i), s, validation.IsDNS1123Subdomain(name))...)
		}
	}
	for i, o := range c.Options {
		if o.Name == "" {
			errs = append(errs, field.Required(p.Child("options").Index(i).Child("name"), ""))
		}
	}
	return errs
}

// ip checks an address as the API server checks its older IP fields,
// strictly (no IPv4 octets with leading zeros, as the StrictIPCIDRValidation
// gate does).
func ip(addr string, p *field.Path) field.ErrorList {
	return validation.IsValidIPForLegacyField(p, addr, true, nil)
}
