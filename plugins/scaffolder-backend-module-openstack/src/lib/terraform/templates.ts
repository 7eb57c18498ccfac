/**
 * cloud-init templates of the Kubernetes-on-OpenStack module (Terraform
 * templatefile syntax). Every value reaches them as a template variable;
 * free-form ones (credentials) are base64-encoded by Terraform, so nothing can
 * break out of the YAML.
 */

const COMMON_SETUP = `package_update: true
packages:
  - apt-transport-https
  - ca-certificates
  - curl
  - gpg
  - containerd
write_files:
  - path: /etc/modules-load.d/k8s.conf
    content: |
      overlay
      br_netfilter
  - path: /etc/sysctl.d/k8s.conf
    content: |
      net.bridge.bridge-nf-call-iptables = 1
      net.bridge.bridge-nf-call-ip6tables = 1
      net.ipv4.ip_forward = 1
`;

const INSTALL_KUBERNETES = `  - modprobe overlay
  - modprobe br_netfilter
  - sysctl --system
  - mkdir -p /etc/containerd /etc/apt/keyrings
  - containerd config default | sed 's/SystemdCgroup = false/SystemdCgroup = true/' > /etc/containerd/config.toml
  - systemctl restart containerd
  - curl -fsSL https://pkgs.k8s.io/core:/stable:/v\${kubernetes_minor}/deb/Release.key | gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg
  - echo "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v\${kubernetes_minor}/deb/ /" > /etc/apt/sources.list.d/kubernetes.list
  - apt-get update
  - apt-get install -y kubelet kubeadm kubectl
  - apt-mark hold kubelet kubeadm kubectl
`;

export const CONTROL_PLANE_TEMPLATE = `#cloud-config
# Kubernetes control plane: kubeadm init, Calico, Cinder CSI. Rendered by Canopy.
${COMMON_SETUP}  - path: /etc/canopy/kubeadm.yaml
    permissions: "0600"
    encoding: b64
    content: \${base64encode(kubeadm_config)}
  - path: /etc/canopy/cloud.conf
    permissions: "0600"
    encoding: b64
    content: \${base64encode(cloud_conf)}
runcmd:
${INSTALL_KUBERNETES}  - kubeadm init --config /etc/canopy/kubeadm.yaml
  - KUBECONFIG=/etc/kubernetes/admin.conf kubectl apply -f https://raw.githubusercontent.com/projectcalico/calico/v\${calico_version}/manifests/calico.yaml
  - KUBECONFIG=/etc/kubernetes/admin.conf kubectl -n kube-system create secret generic cloud-config --from-file=cloud.conf=/etc/canopy/cloud.conf
  - KUBECONFIG=/etc/kubernetes/admin.conf kubectl apply -f https://raw.githubusercontent.com/kubernetes/cloud-provider-openstack/v\${cinder_csi_version}/manifests/cinder-csi-plugin/cinder-csi-controllerplugin-rbac.yaml
  - KUBECONFIG=/etc/kubernetes/admin.conf kubectl apply -f https://raw.githubusercontent.com/kubernetes/cloud-provider-openstack/v\${cinder_csi_version}/manifests/cinder-csi-plugin/cinder-csi-nodeplugin-rbac.yaml
  - KUBECONFIG=/etc/kubernetes/admin.conf kubectl apply -f https://raw.githubusercontent.com/kubernetes/cloud-provider-openstack/v\${cinder_csi_version}/manifests/cinder-csi-plugin/cinder-csi-controllerplugin.yaml
  - KUBECONFIG=/etc/kubernetes/admin.conf kubectl apply -f https://raw.githubusercontent.com/kubernetes/cloud-provider-openstack/v\${cinder_csi_version}/manifests/cinder-csi-plugin/cinder-csi-nodeplugin.yaml
  - KUBECONFIG=/etc/kubernetes/admin.conf kubectl apply -f https://raw.githubusercontent.com/kubernetes/cloud-provider-openstack/v\${cinder_csi_version}/manifests/cinder-csi-plugin/csi-cinder-driver.yaml
  - rm -f /etc/canopy/cloud.conf
`;

export const WORKER_TEMPLATE = `#cloud-config
# Kubernetes worker: kubeadm join. Rendered by Canopy.
${COMMON_SETUP}  - path: /etc/canopy/kubeadm-join.yaml
    permissions: "0600"
    encoding: b64
    content: \${base64encode(join_config)}
runcmd:
${INSTALL_KUBERNETES}  - kubeadm join --config /etc/canopy/kubeadm-join.yaml
`;
