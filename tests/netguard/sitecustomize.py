"""Started by Python in every process the tests launch: install the network guard."""

import figures_netguard

figures_netguard.install()
